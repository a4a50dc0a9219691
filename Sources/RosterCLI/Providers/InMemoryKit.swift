#if CLI
import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory

extension ProviderKit {
    /// The in-memory provider: seeded data inside the process, no credential and no network; each run
    /// starts from the same data, so writes do not persist between runs. With `IN_MEMORY_TOKEN` set
    /// (as `roster serve --vendor in-memory` prints) it talks to a served one at `IN_MEMORY_BASE_URL`
    /// instead, whose data lives as long as the server.
    static let inMemory = ProviderKit(
        name: "in-memory", title: "In-memory provider (seeded, no network)",
        baseURLVariable: "IN_MEMORY_BASE_URL", defaultBaseURL: InMemoryAPI.defaultBaseURL,
        credentialVariables: [],
        makeDriver: { connection in
            guard let token = connection.environment[InMemoryKitSettings.tokenVariable], !token.isEmpty else {
                return InMemoryProvider(seed: 1, courses: 3, enrollmentsPerCourse: 12, retry: connection.retry).roster
                    .driver
            }
            let redactor = CredentialRedactor(secrets: [token])
            let client = HTTPClient.standard(
                transport: connection.transport, auth: AuthMiddleware(prefix: "Bearer ", source: StaticCredential(token)),
                budget: nil, retry: connection.retry, observer: connection.observer, redactor: redactor)
            return try InMemoryDriver(
                client: client, paging: InMemoryKitSettings.paging, redactor: redactor, baseURL: connection.baseURL)
        },
        makeSimulator: { settings in
            let store = InMemoryStore()
            InMemoryDataGenerator(seed: settings.seed).populate(
                store, courses: settings.courses, enrollmentsPerCourse: settings.recordsPerCourse)
            let token = InMemoryProvider.defaultToken
            let handler = InMemoryHandler(store: store, token: token, paging: InMemoryKitSettings.paging)
            let injector = FaultInjector(plan: settings.faults) { InMemoryAPI.errorBody(status: $0) }
            return ServedSimulator(
                provider: "in-memory", pathPrefix: InMemoryAPI.defaultBaseURL.path,
                credentialVariable: InMemoryKitSettings.tokenVariable, credential: token, injector: injector,
                handle: { request in
                    (try? await injector.handle(request) { handler.respond(to: $0) }) ?? HTTPResponse(status: 500)
                },
                inProcessBaseURL: InMemoryAPI.defaultBaseURL)
        })
}

/// How the tool serves and reaches the in-memory provider over HTTP.
enum InMemoryKitSettings {
    /// The variable holding a served in-memory provider's token.
    static let tokenVariable = "IN_MEMORY_TOKEN"
    /// The paging of the served API (the provider's default).
    static let paging = PagingStyle.pageNumberWithTotal(firstPage: 1)
}
#endif
