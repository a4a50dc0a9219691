/// Where an auth middleware gets the credential it sends. A source that can refresh (an OAuth token, a
/// freshly minted JWT) is asked again, once, when the vendor answers 401.
public protocol CredentialSource: Sendable {
    /// The credential value; `refresh` is true after the vendor rejected the last one.
    func credential(refresh: Bool) async throws -> String
    /// True when asking again with `refresh: true` can give a different value.
    var canRefresh: Bool { get }
}

public import RosterCore

/// A fixed credential (an API key). Its description never shows the value.
public struct StaticCredential: CredentialSource, CustomStringConvertible {
    private let value: String

    /// Wraps `value`.
    public init(_ value: String) { self.value = value }

    /// The credential value.
    public func credential(refresh: Bool) async throws -> String { value }
    /// Whether asking again can give another value.
    public var canRefresh: Bool { false }
    public var description: String { "StaticCredential(‹redacted›)" }
}

/// A credential produced by a closure (e.g. a token provider that mints or fetches tokens); asked
/// again with `refresh: true` after a 401. Its description never shows a value.
public struct ClosureCredential: CredentialSource, CustomStringConvertible {
    private let produce: @Sendable (_ refresh: Bool) async throws -> String

    /// Wraps `produce`.
    public init(_ produce: @escaping @Sendable (_ refresh: Bool) async throws -> String) { self.produce = produce }

    /// The credential value.
    public func credential(refresh: Bool) async throws -> String { try await produce(refresh) }
    /// Whether asking again can give another value.
    public var canRefresh: Bool { true }
    public var description: String { "ClosureCredential(‹redacted›)" }
}

/// Wraps a credential source and remembers every value it hands out in a `SecretStore`, so that a
/// redactor sharing the store hides tokens minted or refreshed after the driver was built.
public struct RememberingCredential: CredentialSource, CustomStringConvertible {
    private let base: any CredentialSource
    /// Where handed-out values are remembered.
    public let store: SecretStore

    /// Wraps `base`, remembering into `store`.
    public init(_ base: any CredentialSource, store: SecretStore) {
        self.base = base
        self.store = store
    }

    /// The wrapped source's credential, remembered before it is returned.
    public func credential(refresh: Bool) async throws -> String {
        let value = try await base.credential(refresh: refresh)
        store.remember(value)
        return value
    }

    /// Whether the wrapped source can refresh.
    public var canRefresh: Bool { base.canRefresh }
    /// Never shows a value.
    public var description: String { "RememberingCredential(‹redacted›)" }
}
