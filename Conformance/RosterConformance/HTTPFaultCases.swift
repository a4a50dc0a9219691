import RosterCore
import RosterHTTP
import Testing

/// HTTP faults injected at the backend: auth and status mapping, retries, damaged bodies.
enum HTTPFaultCases {
    /// A wrong credential fails the listing on its first `next()`, before any record, and a get too.
    static func wrongCredential<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3, validCredential: false))
        var iterator = subject.roster.enrollments().makeAsyncIterator()
        await context.expectError(.unauthenticated, "the first page with a wrong credential") {
            let first = try await iterator.next()
            if let first { context.fail("a record (\(first.id)) was handed out before the credential failed") }
        }
        if subject.roster.capabilities.supports(.getEnrollment) {
            let course = await subject.backend.courseIDs().first
            let id = await subject.backend.enrollmentIDs(course: nil).sorted().first ?? "1"
            await context.expectError(.unauthenticated, "a get with a wrong credential") {
                try await subject.roster.enrollment(id, course: course)
            }
        }
    }

    /// The next request is answered `status`; the listing fails with `code`.
    static func forcedStatus<H>(_ context: ConformanceContext<H>, _ status: Int, _ code: RosterError.Code) async throws
    {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        subject.backend.injectFromNextRequest(FaultPlan(forcedStatus: [1: status]))
        let error = await context.expectError(code, "a listing answered HTTP \(status)") {
            try await subject.roster.listAll()
        }
        context.check(
            error?.httpStatus == status, "the error carries HTTP status \(error?.httpStatus.map(String.init) ?? "none")"
        )
    }

    /// The first request is throttled with `form`; the listing must wait `expectedWait` and succeed.
    static func throttled<H>(_ context: ConformanceContext<H>, _ form: FaultPlan.RetryAfterForm, expectedWait: Double)
        async throws
    {
        let clock = VirtualClock()
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5, clock: clock))
        subject.backend.injectFromNextRequest(FaultPlan(throttled: [1], retryAfter: form))
        let expected = await subject.backend.enrollmentIDs(course: nil)
        do {
            let result = try await subject.roster.listAll()
            context.check(Set(result.ids) == expected, "the listing after a retried 429 is incomplete")
            context.check(result.report.retries >= 1, "the report counts \(result.report.retries) retries after a 429")
            context.check(
                clock.recordedSleeps.contains { abs($0 - expectedWait) <= 1 },
                "Retry-After (\(form)) was not honoured: slept \(clock.recordedSleeps)")
        } catch {
            context.note(error)
            context.fail("a single 429 with Retry-After \(form) was not retried: \(error)")
        }
    }

    /// Every request throttled: the listing fails `rateLimited` with the vendor's delay.
    static func exhaustedRetries<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        subject.backend.injectFromNextRequest(FaultPlan(throttled: Set(1...50), retryAfter: .seconds(2)))
        let error = await context.expectError(.rateLimited, "a listing throttled on every request") {
            try await subject.roster.listAll()
        }
        context.check(
            error?.retryAfterSeconds == 2,
            "the rateLimited error carries retry-after \(error?.retryAfterSeconds.map { "\($0)" } ?? "none"), expected 2"
        )
        context.check(subject.backend.injector.requestCount < 50, "the retries never stopped")
    }

    /// Two 503s in a row, then success.
    static func unavailableBurst<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5))
        subject.backend.injectFromNextRequest(FaultPlan(unavailable: [1, 2]))
        let expected = await subject.backend.enrollmentIDs(course: nil)
        do {
            let result = try await subject.roster.listAll()
            context.check(Set(result.ids) == expected, "the listing after a 503 burst is incomplete")
        } catch {
            context.note(error)
            context.fail("a burst of two 503s was not retried: \(error)")
        }
    }

    /// A malformed (HTML) or truncated body: a `decoding` error naming a JSON path.
    static func damagedBody<H>(_ context: ConformanceContext<H>, malformed: Bool) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5))
        subject.backend.injectFromNextRequest(malformed ? FaultPlan(malformed: [1]) : FaultPlan(truncated: [1]))
        let what = malformed ? "a malformed body" : "a truncated body"
        let error = await context.expectError(.decoding, what) { try await subject.roster.listAll() }
        if let error {
            context.check(error.jsonPath?.hasPrefix("$") == true, "\(what): the error names no JSON path: \(error)")
        }
    }
}
