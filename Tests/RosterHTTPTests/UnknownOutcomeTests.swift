import Foundation
import RosterCore
import RosterHTTP
import Testing

/// A write that may have reached the vendor without an answer is `outcomeUnknown` and is repeated only
/// when it is idempotent by definition; a request that was never sent is repeated whatever it is.
@Suite("Unknown outcomes in the retry middleware")
struct UnknownOutcomeTests {
    let clock = VirtualClock()

    func client(_ transport: any HTTPTransport, attempts: Int = 4) -> HTTPClient {
        HTTPClient(
            transport: transport,
            middleware: [RetryMiddleware(policy: RetryPolicy(maxAttempts: attempts), clock: clock, jitter: { $0 })])
    }

    func post(retryable: Bool? = nil) -> HTTPRequest {
        HTTPRequest(
            method: .post, url: URL(string: "https://api.example.com/v1/invite")!, body: Data("{}".utf8),
            isRetryable: retryable)
    }

    static func timedOut(_ request: HTTPRequest) -> RosterError {
        UnansweredRequest.error(for: request, delivery: .maybeSent, reason: "network failure: timed out")
    }

    func failure(_ client: HTTPClient, _ request: HTTPRequest) async throws -> RosterError {
        do {
            let response = try await client.send(request)
            Issue.record("expected an error, got HTTP \(response.status)")
            throw CancellationError()
        } catch let error as RosterError {
            return error
        }
    }

    @Test func theRuleForUnansweredRequests() {
        let get = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/x")!)
        #expect(UnansweredRequest.error(for: get, delivery: .maybeSent, reason: "r").code == .unavailable)
        #expect(UnansweredRequest.error(for: post(), delivery: .notSent, reason: "r").code == .unavailable)
        #expect(UnansweredRequest.error(for: post(), delivery: .maybeSent, reason: "r").code == .outcomeUnknown)
        let retryable = UnansweredRequest.error(for: post(retryable: true), delivery: .maybeSent, reason: "r")
        #expect(retryable.code == .outcomeUnknown)
        let put = HTTPRequest(method: .put, url: URL(string: "https://api.example.com/x")!)
        #expect(UnansweredRequest.error(for: put, delivery: .maybeSent, reason: "r").code == .outcomeUnknown)
    }

    @Test func aWriteThatMayHaveBeenSentIsNeverRepeated() async throws {
        let transport = ScriptedTransport([.fail(Self.timedOut(post())), .respond(.status(201))])
        let error = try await failure(client(transport), post())
        #expect(error.code == .outcomeUnknown)
        #expect(transport.requests.count == 1)
        #expect(clock.recordedSleeps.isEmpty)
    }

    /// A transport that says "maybe sent" but keeps the `unavailable` code is settled the same way.
    @Test func anUnavailableMaybeSentWriteFromAnyTransportBecomesOutcomeUnknown() async throws {
        let vague = RosterError(.unavailable, "connection reset", delivery: .maybeSent)
        let transport = ScriptedTransport([.fail(vague), .respond(.status(201))])
        let optedIn = HTTPClient(
            transport: transport,
            middleware: [RetryMiddleware(policy: RetryPolicy(retryNonIdempotent: true), clock: clock, jitter: { $0 })])
        let error = try await failure(optedIn, post())
        #expect(error.code == .outcomeUnknown, "retryNonIdempotent must not repeat a write that got no answer")
        #expect(transport.requests.count == 1)
    }

    @Test func aWriteThatWasNotSentIsRepeated() async throws {
        let refused = UnansweredRequest.error(for: post(), delivery: .notSent, reason: "connection refused")
        let transport = ScriptedTransport([.fail(refused), .respond(.status(201))])
        #expect(try await client(transport).send(post()).status == 201)
        #expect(transport.requests.count == 2)
    }

    @Test func anIdempotentWriteIsRepeatedAndAnAnswerSettlesIt() async throws {
        let transport = ScriptedTransport([.fail(Self.timedOut(post(retryable: true))), .respond(.status(200))])
        #expect(try await client(transport).send(post(retryable: true)).status == 200)
        #expect(transport.requests.count == 2)
    }

    /// A caller that settles unanswered writes by reading (the sync applier) gets even an idempotent
    /// write back as `outcomeUnknown` after one attempt; a write that was never sent is still repeated.
    @Test func aCallerThatSettlesUnansweredWritesGetsThemBackUnrepeated() async throws {
        let transport = ScriptedTransport([.fail(Self.timedOut(post(retryable: true))), .respond(.status(200))])
        let error = try await UnansweredWrites.$settledByCaller.withValue(true) {
            try await failure(client(transport), post(retryable: true))
        }
        #expect(error.code == .outcomeUnknown)
        #expect(transport.requests.count == 1)
        let refused = UnansweredRequest.error(for: post(), delivery: .notSent, reason: "connection refused")
        let notSent = ScriptedTransport([.fail(refused), .respond(.status(201))])
        let status = try await UnansweredWrites.$settledByCaller.withValue(true) {
            try await client(notSent).send(post(retryable: true)).status
        }
        #expect(status == 201 && notSent.requests.count == 2)
    }

    /// An earlier attempt may have been applied: a later refused connection or retry status does not
    /// make the write "failed".
    @Test func anIdempotentWriteThatNeverGetsASuccessEndsOutcomeUnknown() async throws {
        let request = post(retryable: true)
        let refused = UnansweredRequest.error(for: request, delivery: .notSent, reason: "connection refused")
        let transport = ScriptedTransport([.fail(Self.timedOut(request)), .fail(refused), .respond(.status(503))])
        let error = try await failure(client(transport, attempts: 3), request)
        #expect(error.code == .outcomeUnknown)
        #expect(error.message.contains("3 attempts, the last answered HTTP 503"), "\(error.message)")
        #expect(transport.requests.count == 3)
    }

    @Test func aReadThatGetsNoAnswerIsRetriedAndStaysUnavailable() async throws {
        let get = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/x")!)
        let transport = ScriptedTransport(Array(repeating: .fail(Self.timedOut(get)), count: 3))
        let error = try await failure(client(transport, attempts: 3), get)
        #expect(error.code == .unavailable)
        #expect(transport.requests.count == 3)
    }
}

@Suite("The run deadline")
struct RunDeadlineTests {
    /// A transport that never answers (until cancelled) and counts what reached it.
    final class Silent: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var received = 0
        var count: Int { lock.withLock { received } }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { received += 1 }
            try await Task.sleep(nanoseconds: 60_000_000_000)
            return HTTPResponse(status: 200)
        }
    }

    func standard(_ transport: any HTTPTransport) -> HTTPClient {
        HTTPClient.standard(transport: transport, auth: nil, budget: nil, observer: nil, redactor: CredentialRedactor())
    }

    @Test func aReadCutOffByTheDeadlineIsUnavailableAndAWriteIsOutcomeUnknown() async throws {
        let silent = Silent()
        let client = standard(silent)
        let read = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/x")!)
        let write = HTTPRequest(method: .put, url: URL(string: "https://api.example.com/x")!, body: Data())
        for (request, expected) in [(read, RosterError.Code.unavailable), (write, .outcomeUnknown)] {
            do {
                _ = try await RunDeadline.withDeadline(seconds: 0.2) { try await client.send(request) }
                Issue.record("a silent vendor answered")
            } catch let error as RosterError {
                #expect(error.code == expected, "\(error)")
                #expect(error.delivery == .maybeSent)
                #expect(error.message.contains("overall deadline of 0.2 s"), "\(error.message)")
            }
        }
        #expect(silent.count == 2)
    }

    @Test func aRequestAfterTheDeadlineIsNotSent() async throws {
        let silent = Silent()
        let client = standard(silent)
        let write = HTTPRequest(method: .post, url: URL(string: "https://api.example.com/x")!, body: Data())
        try await RunDeadline.withDeadline(seconds: 0.05) {
            try await Task.sleep(nanoseconds: 100_000_000)
            do {
                _ = try await client.send(write)
                Issue.record("sent after the deadline")
            } catch let error as RosterError {
                #expect(error.code == .unavailable)
                #expect(error.delivery == .notSent)
            }
        }
        #expect(silent.count == 0)
    }

    /// The deadline cuts a retry's backoff short, not only a request in flight.
    @Test func theDeadlineCutsABackoffShort() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.status(503)), count: 10))
        let client = HTTPClient(
            transport: transport,
            middleware: [
                DeadlineMiddleware(), RetryMiddleware(policy: RetryPolicy(baseDelay: 30, maxDelay: 30), jitter: { $0 }),
            ])
        let get = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/x")!)
        await #expect(throws: RosterError.self) {
            try await RunDeadline.withDeadline(seconds: 0.2) { try await client.send(get) }
        }
        #expect(transport.requests.count == 1)
    }

    @Test func anInnerDeadlineCannotOutliveAnOuterOne() async {
        await RunDeadline.withDeadline(seconds: 1) {
            let outer = RunDeadline.current
            await RunDeadline.withDeadline(seconds: 100) { #expect(RunDeadline.current == outer) }
            await RunDeadline.withDeadline(seconds: 0.5) { #expect(RunDeadline.current!.expiry < outer!.expiry) }
            await RunDeadline.withDeadline(seconds: 0) { #expect(RunDeadline.current == outer) }
        }
        #expect(RunDeadline.current == nil)
    }

    @Test func withoutADeadlineRequestsPassUntouched() async throws {
        let transport = ScriptedTransport([.respond(.status(204))])
        let get = HTTPRequest(method: .get, url: URL(string: "https://a.example/x")!)
        #expect(try await standard(transport).send(get).status == 204)
    }
}

@Suite("Run deadline values")
struct RunDeadlineValueTests {
    /// Absurd budgets are clamped instead of trapping in the instant arithmetic or the message.
    @Test(arguments: [Double.nan, .infinity, -.infinity, -5, 1e300])
    func absurdBudgetsAreClamped(_ seconds: Double) {
        let deadline = RunDeadline(seconds: seconds)
        #expect((0...31_536_000).contains(deadline.seconds))
        let request = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/x")!)
        #expect(deadline.expired(request, delivery: .notSent).message.contains("overall deadline"))
    }
}
