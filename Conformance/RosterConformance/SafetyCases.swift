import RosterCore
import RosterHTTP
import Testing

/// Safety: cancellation stops traffic, reads never write, secrets never leak.
enum SafetyCases {
    /// Cancels the consuming task mid-listing; no request may follow.
    static func cancellation<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 20))
        let injector = subject.backend.injector
        let listing = subject.roster.enrollments(EnrollmentQuery(pageSize: 2))
        let consumer = Task { () -> (requestsAtCancel: Int, error: (any Error)?) in
            var consumed = 0
            var atCancel = -1
            do {
                for try await _ in listing {
                    consumed += 1
                    if consumed == 3 {
                        atCancel = injector.requestCount
                        withUnsafeCurrentTask { $0?.cancel() }
                    }
                }
                return (atCancel, nil)
            } catch {
                return (atCancel, error)
            }
        }
        let outcome = await consumer.value
        guard outcome.requestsAtCancel >= 0 else { return context.fail("the listing ended before 3 records") }
        context.check(
            outcome.error is CancellationError,
            "cancelling gave \(outcome.error.map { "\($0)" } ?? "no error"), not CancellationError")
        if let error = outcome.error { context.note(error) }
        context.check(
            injector.requestCount == outcome.requestsAtCancel,
            "\(injector.requestCount - outcome.requestsAtCancel) requests were sent after the consumer was cancelled")
    }

    /// Full, filtered and course listings send only GET or HEAD requests.
    static func listingsNeverWrite<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(courses: 2, enrollmentsPerCourse: 6))
        let injector = subject.backend.injector
        let before = injector.mutatingRequestCount
        let requestsBefore = injector.requestCount
        _ = try await subject.roster.listAll(EnrollmentQuery(pageSize: 2))
        _ = try await subject.roster.listAll(EnrollmentQuery(statuses: [.enrolled, .inProgress], search: "a"))
        if subject.roster.capabilities.supports(.listCourses) {
            _ = try await subject.roster.courses().collect(max: 10_000)
        }
        context.check(injector.requestCount > requestsBefore, "the listings sent no request at all")
        context.check(
            injector.mutatingRequestCount == before,
            "listings sent \(injector.mutatingRequestCount - before) mutating requests")
    }

    /// A run of failures (wrong credential, 403, 404, exhausted 429s, malformed body, and a 400 whose
    /// body reflects the request's headers, credential included) whose errors and log lines are then
    /// checked for every credential the drivers hold.
    static func noSecrets<H>(_ context: ConformanceContext<H>) async throws {
        let wrong = try await context.subject(SubjectSetup(enrollmentsPerCourse: 2, validCredential: false))
        await context.expectError(.unauthenticated, "a wrong credential") { try await wrong.roster.listAll() }
        let plans: [(FaultPlan, RosterError.Code)] = [
            (FaultPlan(forcedStatus: [1: 403]), .permissionDenied), (FaultPlan(forcedStatus: [1: 404]), .notFound),
            (FaultPlan(throttled: Set(1...50)), .rateLimited), (FaultPlan(malformed: [1]), .decoding),
            (FaultPlan(echoHeaders: [1]), .invalidArgument),
        ]
        for (plan, code) in plans {
            let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 2))
            subject.backend.injectFromNextRequest(plan)
            await context.expectError(code, "a listing failing with \(code)") { try await subject.roster.listAll() }
        }
        // The secret check itself runs at the end of every case (ConformanceContext.checkNoSecretsLeaked).
    }
}
