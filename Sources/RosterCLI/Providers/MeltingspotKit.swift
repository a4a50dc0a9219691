#if CLI
import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot

extension ProviderKit {
    /// Meltingspot's public API v1, authenticated with a Spot's secret key.
    static let meltingspot = ProviderKit(
        name: "meltingspot", title: "Meltingspot public API v1",
        baseURLVariable: "MELTINGSPOT_BASE_URL", defaultBaseURL: MeltingspotConfiguration.defaultBaseURL,
        credentialVariables: ["MELTINGSPOT_API_KEY"],
        makeDriver: { connection in
            var configuration = try ProviderConnection.configuration(for: "meltingspot") {
                try MeltingspotConfiguration.fromEnvironment(connection.environment)
            }
            configuration.baseURL = connection.baseURL
            configuration.retryPolicy = connection.retry
            if let limit = connection.rateLimit { configuration.rateLimits = [limit] }
            return try MeltingspotDriver(
                configuration: configuration, transport: connection.transport, observer: connection.observer)
        },
        makeSimulator: { settings in
            let simulator = MeltingspotSimulator(
                seed: settings.seed, courses: settings.courses, participantsPerCourse: settings.recordsPerCourse,
                faults: settings.faults)
            if let course = simulator.courseIDs().first {
                for person in settings.peopleInCommon {
                    let member = simulator.addSpotMember(
                        email: person.email, firstname: person.firstName, lastname: person.lastName)
                    _ = try? simulator.addParticipant(
                        course: course, spotMember: member, status: person.completedAtMeltingspot ? "Completed" : "Started")
                }
            }
            return ServedSimulator(
                provider: "meltingspot", pathPrefix: "/v1", credentialVariable: "MELTINGSPOT_API_KEY",
                credential: simulator.secretKey, injector: simulator.injector, handle: { await simulator.handle($0) },
                inProcessBaseURL: MeltingspotConfiguration.defaultBaseURL)
        })
}
#endif
