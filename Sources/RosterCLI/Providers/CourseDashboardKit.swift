#if CLI
import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP

extension ProviderKit {
    /// SelfCommunity API v2's course dashboard: each community has its own host, so the base URL is
    /// required. A fixed token, or a JWT secret and user id from which short-lived tokens are minted.
    static let courseDashboard = ProviderKit(
        name: "course-dashboard", title: "Course Dashboard (SelfCommunity API v2)",
        baseURLVariable: "COURSE_DASHBOARD_BASE_URL", defaultBaseURL: nil,
        credentialVariables: ["COURSE_DASHBOARD_TOKEN", "COURSE_DASHBOARD_JWT_SECRET"],
        makeDriver: { connection in
            var configuration = try ProviderConnection.configuration(for: "course-dashboard") {
                var environment = connection.environment
                environment[CourseDashboardConfiguration.baseURLVariable] = connection.baseURL.absoluteString
                return try CourseDashboardConfiguration.fromEnvironment(environment, signer: CryptoTokenSigner())
            }
            if configuration.token.canRefresh {
                // Minted tokens are remembered so that the tool's own redactor (errors, records) hides them too.
                configuration.token = RememberingCredential(configuration.token, store: EnvironmentSecrets.minted)
            }
            configuration.retry = connection.retry
            if let limit = connection.rateLimit { configuration.rateLimit = limit }
            return try CourseDashboardDriver(
                configuration: configuration, transport: connection.transport, observer: connection.observer)
        },
        makeSimulator: { settings in
            let simulator = CourseDashboardSimulator(
                seed: settings.seed, courses: settings.courses, learnersPerCourse: settings.recordsPerCourse,
                faults: settings.faults)
            for person in settings.peopleInCommon {
                let user = simulator.addUser(realName: "\(person.firstName) \(person.lastName)")
                simulator.setIdentity(ofUser: user, username: person.username, extID: Int(person.externalID))
            }
            var served = ServedSimulator(
                provider: "course-dashboard", pathPrefix: "", credentialVariable: "COURSE_DASHBOARD_TOKEN",
                credential: simulator.token, injector: simulator.injector, handle: { await simulator.handle($0) },
                inProcessBaseURL: CourseDashboardSimulator.defaultBaseURL)
            served.jwtUsers = ({ simulator.issueToken(forUser: $0) }, simulator.serviceUserID)
            return served
        })
}
#endif
