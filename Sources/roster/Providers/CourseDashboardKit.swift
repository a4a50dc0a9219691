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
            let env = connection.environment
            let configuration: CourseDashboardConfiguration
            if let token = env["COURSE_DASHBOARD_TOKEN"], !token.isEmpty {
                configuration = CourseDashboardConfiguration(
                    baseURL: connection.baseURL, token: token, retry: connection.retry)
            } else if let secret = env["COURSE_DASHBOARD_JWT_SECRET"], !secret.isEmpty {
                let minter = try DashboardTokenMinter(secret: secret, userID: env["COURSE_DASHBOARD_USER_ID"])
                // Minted tokens are remembered so that the tool's own redactor (errors, records) hides them too.
                let tokens = RememberingCredential(
                    ClosureCredential { _ in minter.mint() }, store: EnvironmentSecrets.minted)
                configuration = CourseDashboardConfiguration(
                    baseURL: connection.baseURL, token: tokens, retry: connection.retry)
            } else {
                throw ToolFailure(
                    .usage,
                    "course-dashboard: no credential: set COURSE_DASHBOARD_TOKEN (or COURSE_DASHBOARD_JWT_SECRET with COURSE_DASHBOARD_USER_ID)"
                )
            }
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
            return ServedSimulator(
                provider: "course-dashboard", pathPrefix: "", credentialVariable: "COURSE_DASHBOARD_TOKEN",
                credential: simulator.token, injector: simulator.injector, handle: { await simulator.handle($0) },
                inProcessBaseURL: CourseDashboardSimulator.defaultBaseURL)
        })
}
#endif
