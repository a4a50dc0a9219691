import Foundation

/// Removes known secrets from text before it reaches an error, a log line or a description.
/// Adapters register every credential they hold; the HTTP layer runs vendor bodies and messages through
/// `redact` before building a `RosterError`.
public struct CredentialRedactor: Sendable, Hashable {
    /// What replaces a secret.
    public static let mask = "‹redacted›"
    private var secrets: Set<String>

    /// Creates a redactor for `secrets` (values shorter than 4 characters are ignored: too likely to
    /// occur by chance, and too short to be a real key).
    public init(secrets: [String] = []) {
        self.secrets = Set(secrets.filter { $0.count >= 4 })
    }

    /// Adds a secret.
    public mutating func register(_ secret: String) {
        if secret.count >= 4 { secrets.insert(secret) }
    }

    /// `text` with every registered secret replaced by the mask.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }

    /// `error` with its message and vendor body redacted.
    public func redact(_ error: RosterError) -> RosterError {
        var copy = error
        copy.message = redact(error.message)
        copy.vendorBody = error.vendorBody.map(redact)
        copy.path = error.path.map(redact)
        return copy
    }
}

extension CredentialRedactor: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Says how many secrets it holds, never which: a redactor is printed whenever a driver, client or
    /// facade that holds one is printed or dumped.
    public var description: String { "CredentialRedactor(\(secrets.count) secrets)" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// A mirror with no children, so `dump` and reflection-based printing never reach the secrets.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
