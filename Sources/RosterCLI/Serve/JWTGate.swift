#if CLI
import Crypto
import Foundation
import RosterCore
import RosterHTTP

/// Lets `roster serve --jwt-secret` try the Course Dashboard JWT mode: a bearer token that is an
/// HS256 JWT signed with the served secret, of `token_type` `access`, not expired, is exchanged for
/// the simulator's own token of its `user_id` before the simulator sees the request. A JWT with a
/// bad signature, an expired or future one, or one of another type is answered 401, as the vendor
/// would; any other bearer token goes through unchanged.
final class JWTGate: @unchecked Sendable {
    private let key: SymmetricKey
    private let issue: @Sendable (Int) -> String
    private let lock = NSLock()
    private var tokens: [Int: String] = [:]

    /// A gate for `secret`; `issue` gives the simulator's token for a user id.
    init(secret: String, issue: @escaping @Sendable (Int) -> String) {
        key = SymmetricKey(data: Data(secret.utf8))
        self.issue = issue
    }

    /// `request` with a valid JWT exchanged, or the 401 answer to send instead.
    func admit(_ request: HTTPRequest, now: Date = Date()) -> Admission {
        guard let header = request.headers["Authorization"], header.hasPrefix("Bearer ") else { return .admitted(request) }
        let token = String(header.dropFirst("Bearer ".count))
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .admitted(request) }
        guard let user = verifiedUser(parts.map(String.init), now: now) else {
            return .refused(
                HTTPResponse(
                    status: 401, headers: ["Content-Type": "application/json"],
                    body: Data(#"{"detail":"Given token not valid for any token type"}"#.utf8)))
        }
        let own = lock.withLock { () -> String in
            if let known = tokens[user] { return known }
            let fresh = issue(user)
            tokens[user] = fresh
            return fresh
        }
        var admitted = request
        admitted.headers["Authorization"] = "Bearer \(own)"
        return .admitted(admitted)
    }

    /// What happens to a request.
    enum Admission {
        /// Pass this request on (a JWT exchanged for the simulator's token, or anything else as sent).
        case admitted(HTTPRequest)
        /// Answer this instead.
        case refused(HTTPResponse)
    }

    /// The `user_id` of a well-signed, current access token, or nil.
    private func verifiedUser(_ parts: [String], now: Date) -> Int? {
        guard let signature = Self.base64URLDecoded(parts[2]), let body = Self.base64URLDecoded(parts[1]),
            let header = Self.base64URLDecoded(parts[0]),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data((parts[0] + "." + parts[1]).utf8), using: key),
            let head = try? JSONSerialization.jsonObject(with: header) as? [String: Any], head["alg"] as? String == "HS256",
            let claims = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            claims["token_type"] as? String == "access", let user = claims["user_id"] as? Int,
            let expires = claims["exp"] as? Double, let issued = claims["iat"] as? Double
        else { return nil }
        let seconds = now.timeIntervalSince1970
        guard expires > seconds, issued <= seconds + 60 else { return nil }
        return user
    }

    /// Base64url (no padding) decoded, or nil.
    static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
#endif
