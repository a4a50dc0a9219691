public import Foundation

/// Reads a provider's settings from environment variables, for the `fromEnvironment` constructors of
/// each provider's configuration (the same variable names the `roster` tool reads). An empty value
/// counts as unset; a missing required one is an `invalidArgument` error naming the variable, and
/// the error never carries a value.
public enum ConfigurationEnvironment {
    /// The non-empty value of `name`, or nil.
    public static func value(_ name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The non-empty value of `name`, or `invalidArgument` saying to set it.
    public static func required(_ name: String, in environment: [String: String], provider: ProviderID) throws
        -> String
    {
        guard let value = value(name, in: environment) else {
            throw RosterError(.invalidArgument, "no credential: set \(name)", provider: provider)
        }
        return value
    }

    /// The absolute URL in `name`, nil when unset, or `invalidArgument` when it is no absolute URL.
    /// (Whether its scheme and host are acceptable is the driver's check, `BaseURLPolicy`.)
    public static func url(_ name: String, in environment: [String: String], provider: ProviderID) throws -> URL? {
        guard let text = value(name, in: environment) else { return nil }
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw RosterError(.invalidArgument, "\(name) is not an absolute URL", provider: provider)
        }
        return url
    }

    /// The integer in `name`, nil when unset, or `invalidArgument` when it is not an integer.
    public static func integer(_ name: String, in environment: [String: String], provider: ProviderID) throws -> Int? {
        guard let text = value(name, in: environment) else { return nil }
        guard let number = Int(text) else {
            throw RosterError(.invalidArgument, "\(name) must be an integer", provider: provider)
        }
        return number
    }
}
