import Foundation
import RosterCore
import RosterHTTP
import Testing

@Suite("Retry middleware (virtual clock, no real sleeping)")
struct RetryMiddlewareTests {
    let clock = VirtualClock()

    func client(_ transport: ScriptedTransport, policy: RetryPolicy = .init()) -> HTTPClient {
        HTTPClient(
            transport: transport, middleware: [RetryMiddleware(policy: policy, clock: clock, jitter: { $0 })])
    }

    @Test func retryAfterInSecondsIsHonoured() async throws {
        let transport = ScriptedTransport([.respond(.status(429, ["Retry-After": "7"])), .respond(.status(200))])
        let response = try await client(transport).send(getRequest())
        #expect(response.status == 200)
        #expect(transport.requests.count == 2)
        #expect(clock.recordedSleeps == [7])
    }

    @Test func retryAfterAsHTTPDateIsHonoured() async throws {
        let date = RetryAfter.httpDateString(clock.now().addingTimeInterval(12))
        let transport = ScriptedTransport([.respond(.status(503, ["Retry-After": date])), .respond(.status(200))])
        let response = try await client(transport).send(getRequest())
        #expect(response.status == 200)
        #expect(clock.recordedSleeps.count == 1)
        #expect(abs(clock.recordedSleeps[0] - 12) < 1.0)
    }

    @Test func backoffDoublesWithoutRetryAfter() async throws {
        let transport = ScriptedTransport([
            .respond(.status(502)), .respond(.status(503)), .respond(.status(504)), .respond(.status(200)),
        ])
        let response = try await client(transport).send(getRequest())
        #expect(response.status == 200)
        #expect(clock.recordedSleeps == [0.5, 1, 2])
    }

    @Test func fullJitterStaysWithinTheBackoff() async throws {
        let transport = ScriptedTransport([.respond(.status(503)), .respond(.status(503)), .respond(.status(200))])
        let jittered = HTTPClient(transport: transport, middleware: [RetryMiddleware(clock: clock)])
        _ = try await jittered.send(getRequest())
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 2)
        #expect((0...0.5).contains(sleeps[0]))
        #expect((0...1).contains(sleeps[1]))
    }

    @Test func exhaustedAttemptsReturnTheLastResponse() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.status(429, ["Retry-After": "1"])), count: 10))
        let response = try await client(transport, policy: RetryPolicy(maxAttempts: 3)).send(getRequest())
        #expect(response.status == 429)
        #expect(transport.requests.count == 3)
        #expect(clock.recordedSleeps == [1, 1])
    }

    @Test func aRetryAfterLongerThanTheCapEndsRetriesAtOnce() async throws {
        let transport = ScriptedTransport([.respond(.status(429, ["Retry-After": "3600"])), .respond(.status(200))])
        let response = try await client(transport).send(getRequest())
        #expect(response.status == 429)
        #expect(transport.requests.count == 1)
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func totalDelayIsCapped() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.status(429, ["Retry-After": "25"])), count: 10))
        let policy = RetryPolicy(maxAttempts: 10, maxTotalDelay: 60)
        let response = try await client(transport, policy: policy).send(getRequest())
        #expect(response.status == 429)
        #expect(clock.totalSlept <= 60)
        #expect(transport.requests.count == 3)
    }

    @Test func postIsNotRetriedUnlessOptedIn() async throws {
        let post = HTTPRequest(method: .post, url: URL(string: "https://api.example.com/booking")!)
        let once = ScriptedTransport([.respond(.status(503)), .respond(.status(201))])
        #expect(try await client(once).send(post).status == 503)
        #expect(once.requests.count == 1)

        let optedIn = ScriptedTransport([.respond(.status(503)), .respond(.status(201))])
        let policy = RetryPolicy(retryNonIdempotent: true)
        #expect(try await client(optedIn, policy: policy).send(post).status == 201)

        var marked = post
        marked.isRetryable = true
        let perRequest = ScriptedTransport([.respond(.status(503)), .respond(.status(201))])
        #expect(try await client(perRequest).send(marked).status == 201)
    }

    @Test func transportFailuresAreRetriedAndTheLastOneThrown() async throws {
        let down = RosterError(.unavailable, "connection refused")
        let recovers = ScriptedTransport([.fail(down), .respond(.status(200))])
        #expect(try await client(recovers).send(getRequest()).status == 200)

        let stays = ScriptedTransport(Array(repeating: .fail(down), count: 5))
        await #expect(throws: RosterError.self) { try await client(stays).send(getRequest()) }
        #expect(stays.requests.count == 4)
    }

    @Test func otherStatusesAndErrorsAreNotRetried() async throws {
        let notFound = ScriptedTransport([.respond(.status(404)), .respond(.status(200))])
        #expect(try await client(notFound).send(getRequest()).status == 404)
        #expect(notFound.requests.count == 1)

        let decoding = ScriptedTransport([.fail(RosterError(.decoding, "bad")), .respond(.status(200))])
        await #expect(throws: RosterError.self) { try await client(decoding).send(getRequest()) }
        #expect(decoding.requests.count == 1)
    }

    @Test func retriesAreCountedForTheListingReport() async throws {
        let transport = ScriptedTransport([.respond(.status(503)), .respond(.status(503)), .respond(.status(200))])
        let counters = ListingCounters()
        _ = try await ListingCounters.$current.withValue(counters) { try await client(transport).send(getRequest()) }
        #expect(counters.retries == 2)
    }

    @Test func cancellationDuringABackoffStopsFurtherAttempts() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.status(503)), count: 10))
        let realClockClient = HTTPClient(
            transport: transport,
            middleware: [RetryMiddleware(policy: RetryPolicy(baseDelay: 30, maxDelay: 30), jitter: { $0 })])
        let task = Task { try await realClockClient.send(getRequest()) }
        while transport.requests.isEmpty { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(transport.requests.count == 1)
    }
}

@Suite("Retry-After parsing")
struct RetryAfterParsingTests {
    @Test func parsesBothForms() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds(from: "120", now: now) == 120)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:50:37 GMT", now: now) == 60)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:40:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds(from: "Sunday, 06-Nov-94 08:50:37 GMT", now: now) == 60)
        #expect(RetryAfter.seconds(from: "Sun Nov  6 08:50:37 1994", now: now) == 60)
        #expect(RetryAfter.seconds(from: "soon", now: now) == nil)
        #expect(RetryAfter.seconds(from: "-5", now: now) == nil)
    }

    @Test func formatsAnIMFFixdate() {
        #expect(RetryAfter.httpDateString(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}

/// A hostile `Retry-After` never traps and never makes the client wait past its caps: a wait beyond
/// `maxDelay` gives up at once with `rateLimited`, and text that is no wait falls back to backoff.
@Suite("Hostile Retry-After")
struct HostileRetryAfterTests {
    @Test(arguments: [
        "1e300", "9223372036854775808", "99999999999999999999999", "1e400", "inf", "NaN", "-1", "-1e30", "0x10",
    ])
    func aHostileRetryAfterEndsInRateLimited(_ header: String) async throws {
        let clock = VirtualClock()
        let transport = ScriptedTransport(Array(repeating: .respond(.status(429, ["Retry-After": header])), count: 8))
        let client = HTTPClient(
            transport: transport, middleware: [RetryMiddleware(policy: RetryPolicy(), clock: clock, jitter: { $0 })])
        let api = try VendorAPI(
            provider: "example", baseURL: URL(string: "https://api.example.com")!, client: client,
            redactor: CredentialRedactor(), clock: clock)
        do {
            _ = try await api.send(.get, api.url("/rows"))
            Issue.record("a 429 passed")
        } catch let error as RosterError {
            #expect(error.code == .rateLimited)
            if let seconds = error.retryAfterSeconds { #expect(seconds.isFinite && seconds >= 0) }
        }
        #expect(clock.recordedSleeps.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= RetryPolicy().maxDelay })
        #expect(clock.totalSlept <= RetryPolicy().maxTotalDelay)
    }

    @Test func theRealClockSurvivesAnAbsurdWait() async throws {
        let task = Task { try await SystemClock().sleep(seconds: 1e300) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
