public import Foundation
public import RosterHTTP

/// Computes HMAC-SHA256, the signature of the HS256 JWTs a community accepts. Roster's libraries
/// depend on nothing but the toolchain, so the app supplies it — with swift-crypto, for example:
///
/// ```swift
/// import Crypto
///
/// struct CryptoSigner: CourseDashboardTokenSigner {
///     func hmacSHA256(_ message: Data, key: Data) -> Data {
///         Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
///     }
/// }
/// ```
public protocol CourseDashboardTokenSigner: Sendable {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    func hmacSHA256(_ message: Data, key: Data) throws -> Data
}

/// Mints the short-lived access tokens SelfCommunity accepts as bearer tokens: HS256 JWTs with the
/// claims `user_id` (an integer), `token_type: "access"`, a unique `jti`, `iat` and `exp` in epoch
/// seconds, signed with the community's JWT secret. The secret never leaves the process and never
/// shows in a `description`. Use `credential` as a configuration's token: a fresh token per request.
public struct CourseDashboardTokenMinter: Sendable, CustomStringConvertible {
    /// How long a minted token is valid, in seconds, unless the minter is told otherwise: short, as
    /// the vendor advises.
    public static let defaultLifetime = 300

    private let secret: Data
    /// The community user the tokens act as.
    public let userID: Int
    /// Seconds from `iat` to `exp`.
    public let lifetime: Int
    private let signer: any CourseDashboardTokenSigner

    /// Creates a minter for `userID` with the community's JWT `secret`, signing through `signer`.
    public init(
        secret: String, userID: Int, signer: any CourseDashboardTokenSigner,
        lifetime: Int = CourseDashboardTokenMinter.defaultLifetime
    ) {
        self.secret = Data(secret.utf8)
        self.userID = userID
        self.signer = signer
        self.lifetime = max(1, lifetime)
    }

    /// A token issued at `now` with `jti` as its unique id.
    public func mint(now: Date = Date(), jti: String = UUID().uuidString) throws -> String {
        let issued = Int(now.timeIntervalSince1970.rounded(.down))
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        var claims = #"{"user_id":\#(userID),"token_type":"access","jti":"#
        claims += Self.jsonString(jti) + #","iat":\#(issued),"exp":\#(issued + lifetime)}"#
        let signingInput = Self.base64URL(Data(header.utf8)) + "." + Self.base64URL(Data(claims.utf8))
        let signature = try signer.hmacSHA256(Data(signingInput.utf8), key: secret)
        return signingInput + "." + Self.base64URL(signature)
    }

    /// A credential source that mints a fresh token for every request (and again after a 401).
    public var credential: any CredentialSource {
        let minter = self
        return ClosureCredential { _ in try minter.mint() }
    }

    /// The user and lifetime; never the secret.
    public var description: String {
        "CourseDashboardTokenMinter(user \(userID), lifetime \(lifetime) s, secret ‹redacted›)"
    }

    /// Base64url without padding (RFC 7515 §2).
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
