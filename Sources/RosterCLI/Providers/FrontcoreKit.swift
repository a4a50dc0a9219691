#if CLI
import FrontcoreSimulator
import Foundation
import RosterCore
import RosterFrontcore
import RosterHTTP

extension ProviderKit {
    /// Frontcore API v2, authenticated with an API key.
    static let frontcore = ProviderKit(
        name: "frontcore", title: "Frontcore API v2",
        baseURLVariable: "FRONTCORE_BASE_URL", defaultBaseURL: FrontcoreConfiguration.defaultBaseURL,
        credentialVariables: ["FRONTCORE_API_KEY"],
        makeDriver: { connection in
            var configuration = try ProviderConnection.configuration(for: "frontcore") {
                try FrontcoreConfiguration.fromEnvironment(connection.environment)
            }
            configuration.baseURL = connection.baseURL
            configuration.retry = connection.retry
            if let limit = connection.rateLimit { configuration.rateLimit = limit }
            // Bookings create orders (and may invoice): only with `--allow-booking`.
            configuration.booking = connection.allowBooking ? FrontcoreBookingOptions() : nil
            return try FrontcoreDriver(
                configuration: configuration, transport: connection.transport, observer: connection.observer)
        },
        makeSimulator: { settings in
            let simulator = FrontcoreSimulator(
                seed: settings.seed, participants: settings.recordsPerCourse * settings.courses,
                courses: settings.courses, faults: settings.faults)
            if let course = simulator.courseIDs.first {
                for person in settings.peopleInCommon {
                    guard let booked = simulator.insertParticipant(
                        courseID: course, email: person.email, externalID: person.externalID, username: person.username,
                        firstName: person.firstName, lastName: person.lastName)
                    else { continue }
                    // Confirmed, not finished yet: what a migration of completions then updates.
                    simulator.setStatus(1, ofParticipant: booked.participant)
                    simulator.setOutcome(completed: false, passed: false, ofParticipant: booked.participant)
                }
            }
            return ServedSimulator(
                provider: "frontcore", pathPrefix: "/v2", credentialVariable: "FRONTCORE_API_KEY",
                credential: simulator.apiKey, injector: simulator.injector, handle: { await simulator.handle($0) },
                inProcessBaseURL: FrontcoreConfiguration.defaultBaseURL)
        })
}
#endif
