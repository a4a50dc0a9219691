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

    /// The credential is revoked once the first page has been consumed: the next page fails
    /// `unauthenticated` without handing out another record, in bounded requests (a source that can
    /// refresh is asked once more, and its new credential is refused too); a get fails the same way.
    static func revokedCredential<H>(_ context: ConformanceContext<H>) async throws {
        let pageSize = 3
        let subject = try await context.subject(SubjectSetup(courses: 1, enrollmentsPerCourse: 3 * pageSize))
        let injector = subject.backend.injector
        var iterator = subject.roster.enrollments(EnrollmentQuery(pageSize: pageSize)).makeAsyncIterator()
        var first: Enrollment?
        for _ in 0..<pageSize {
            guard let record = try await iterator.next() else { return context.fail("the first page is not full") }
            first = first ?? record
        }
        try await subject.backend.revokeCredentials()
        let before = injector.requestCount
        var after = 0
        await context.expectError(.unauthenticated, "the page after the credential was revoked") {
            while try await iterator.next() != nil { after += 1 }
        }
        context.check(after == 0, "\(after) records were handed out after the credential was revoked")
        let requests = injector.requestCount - before
        context.check(requests >= 1 && requests <= 3, "the revoked credential took \(requests) requests to fail")
        if subject.roster.capabilities.supports(.getEnrollment), let first {
            await context.expectError(.unauthenticated, "a get with the revoked credential") {
                try await subject.roster.enrollment(first.id, course: first.course.id)
            }
        }
    }

    /// A burst of two `status` answers: the listing is retried to completeness (with the retries
    /// counted) or fails `unavailable` carrying the status; and the status on every request fails
    /// `unavailable` carrying it, in bounded requests.
    static func serverError<H>(_ context: ConformanceContext<H>, _ status: Int) async throws {
        let burst = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5))
        burst.backend.injectFromNextRequest(FaultPlan(forcedStatus: [1: status, 2: status]))
        let expected = await burst.backend.enrollmentIDs(course: nil)
        do {
            let result = try await burst.roster.listAll()
            context.check(Set(result.ids) == expected, "the listing after a burst of two \(status)s is incomplete")
            context.check(
                result.report.retries >= 2,
                "the listing succeeded after two \(status)s, yet counts \(result.report.retries) retries")
        } catch let error as RosterError {
            context.note(error)
            context.check(
                error.code == .unavailable && error.httpStatus == status,
                "a burst of \(status)s that was not retried ended in \(error), not unavailable with HTTP \(status)")
        }
        let endless = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5))
        let injector = endless.backend.injector
        let before = injector.requestCount
        endless.backend.injectFromNextRequest(
            FaultPlan(forcedStatus: Dictionary(uniqueKeysWithValues: (1...40).map { ($0, status) })))
        let error = await context.expectError(.unavailable, "a listing answered \(status) on every request") {
            try await endless.roster.listAll()
        }
        context.check(
            error?.httpStatus == status, "the error carries HTTP status \(error?.httpStatus.map(String.init) ?? "none")")
        context.check(
            injector.requestCount - before <= 10,
            "\(injector.requestCount - before) requests before giving up on \(status)s")
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

    /// Record 1 of the second page carries a malformed value in the harness's strict field: the listing
    /// fails `decoding`, and the JSON path names that record and key exactly.
    static func malformedField<H>(_ context: ConformanceContext<H>) async throws {
        let strict = context.harness.strictField
        let subject = try await context.subject(SubjectSetup(courses: 1, enrollmentsPerCourse: 13))
        subject.backend.injectFromNextRequest(
            FaultPlan(pageTampering: [2: .malformedField(record: 1, path: strict.field)]))
        let expected = strict.jsonPath(record: 1)
        let error = await context.expectError(.decoding, "a page whose record 1 has a malformed \(strict.field)") {
            try await subject.roster.listAll(EnrollmentQuery(pageSize: 3))
        }
        if let error {
            context.check(
                error.jsonPath == expected,
                "the decoding error names \(error.jsonPath ?? "no path"), expected \(expected): \(error)")
        }
    }
}
