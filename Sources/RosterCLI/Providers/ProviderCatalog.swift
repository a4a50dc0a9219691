#if CLI
import Foundation
import RosterCore
import RosterHTTP

/// Every provider the tool knows, in the order tables show them.
enum ProviderCatalog {
    /// The vendors (served by `roster serve`) and the in-memory provider.
    static let all: [ProviderKit] = [.frontcore, .meltingspot, .courseDashboard, .inMemory]

    /// The vendors: what `roster serve --vendor all` serves, on consecutive ports in this order.
    static var vendors: [ProviderKit] { [.frontcore, .meltingspot, .courseDashboard] }

    /// The providers `roster serve --vendor` can serve (the vendors and the in-memory provider).
    static var servable: [ProviderKit] { all.filter { $0.makeSimulator != nil } }

    /// The kit named `name`, or nil.
    static func kit(named name: String) -> ProviderKit? { all.first { $0.name == name } }

    /// The kit named `name`, or a usage failure listing the names.
    static func require(_ name: String) throws -> ProviderKit {
        guard let kit = kit(named: name) else {
            throw ToolFailure(.usage, "unknown provider \"\(name)\"", hint: "use one of: \(names)")
        }
        return kit
    }

    /// `frontcore, meltingspot, …`.
    static var names: String { all.map(\.name).joined(separator: ", ") }

    /// A fake credential under every variable, for code that only reads capabilities.
    static let placeholderEnvironment: [String: String] = [
        "FRONTCORE_API_KEY": "placeholder", "MELTINGSPOT_API_KEY": "placeholder",
        "COURSE_DASHBOARD_TOKEN": "placeholder",
    ]

    /// The capabilities of `kit`, read from a driver built with placeholder settings (nothing is sent).
    static func capabilities(of kit: ProviderKit) throws -> DriverCapabilities {
        let connection = ProviderConnection(
            baseURL: kit.defaultBaseURL ?? URL(string: "https://community.example")!,
            environment: placeholderEnvironment, transport: InProcessTransport { _ in HTTPResponse(status: 503) },
            retry: .never, observer: nil)
        return try kit.makeDriver(connection).capabilities
    }
}
#endif
