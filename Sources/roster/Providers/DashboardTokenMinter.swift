#if CLI
import Crypto
import Foundation

/// Mints the short-lived HS256 JWTs SelfCommunity accepts as bearer tokens: claims
/// `user_id` (integer), `token_type: "access"`, a unique `jti`, `iat` and `exp` in epoch seconds,
/// signed with the community's JWT secret. The secret never leaves the process; tokens live 5 minutes.
struct DashboardTokenMinter: Sendable {
    /// How long a minted token is valid, in seconds: short, as the vendor advises.
    static let lifetime = 300

    private let secret: Data
    /// The community user the tokens act as.
    let userID: Int

    /// Creates a minter; `userID` comes from COURSE_DASHBOARD_USER_ID and must be an integer.
    init(secret: String, userID: String?) throws {
        guard let text = userID, !text.isEmpty else {
            throw ToolFailure(
                .usage, "course-dashboard: COURSE_DASHBOARD_JWT_SECRET needs COURSE_DASHBOARD_USER_ID: set it")
        }
        guard let number = Int(text) else {
            throw ToolFailure(.usage, "course-dashboard: COURSE_DASHBOARD_USER_ID must be an integer user id")
        }
        self.secret = Data(secret.utf8)
        self.userID = number
    }

    /// A fresh token issued at `now`, with `jti` as its unique id.
    func mint(now: Date = Date(), jti: String = UUID().uuidString) -> String {
        let issued = Int(now.timeIntervalSince1970)
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let claims = JSONValue.object([
            (key: "user_id", value: .number(userID)), (key: "token_type", value: .text("access")),
            (key: "jti", value: .text(jti)), (key: "iat", value: .number(issued)),
            (key: "exp", value: .number(issued + Self.lifetime)),
        ]).compact
        let signingInput = Self.base64URL(Data(header.utf8)) + "." + Self.base64URL(Data(claims.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: secret))
        return signingInput + "." + Self.base64URL(Data(signature))
    }

    /// Base64url without padding (RFC 7515 §2).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
#endif
