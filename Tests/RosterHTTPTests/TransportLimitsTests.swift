#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

/// The URLSession transport against hostile servers on 127.0.0.1: bodies that are too large (declared,
/// endless, or a gzip bomb), writes that get no answer, and a server that never answers at all.
@Suite("URLSession transport limits against hostile loopback servers", .serialized)
struct TransportLimitsTests {
    func withServer(_ body: (LoopbackServer, String) async throws -> Void) async throws {
        let server = LoopbackServer()
        try await server.start()
        do {
            try await body(server, "http://127.0.0.1:\(server.port)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func get(_ base: String, _ path: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: URL(string: base + path)!)
    }

    /// Sends `request`, expecting a RosterError.
    func failure(_ client: any HTTPTransport, _ request: HTTPRequest) async throws -> RosterError {
        do {
            let response = try await client.send(request)
            Issue.record("expected an error, got HTTP \(response.status) with \(response.body.count) bytes")
            throw CancellationError()
        } catch let error as RosterError {
            return error
        }
    }

    // MARK: Bounded memory

    @Test func aDeclaredLengthAboveTheCapIsRefusedBeforeTheBodyIsRead() async throws {
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 20, maxBodyBytes: 1 << 20)
            let error = try await failure(transport, get(base, "/huge-length"))
            #expect(error.code == .responseTooLarge, "\(error)")
            #expect(error.message.contains("declares \(10 << 30) bytes"), "\(error)")
        }
    }

    @Test func anEndlessBodyWithoutALengthStopsAtTheCap() async throws {
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 20, maxBodyBytes: 1 << 20)
            let error = try await failure(transport, get(base, "/endless"))
            #expect(error.code == .responseTooLarge, "\(error)")
            #expect(error.message.contains("cap of \(1 << 20) bytes"), "\(error)")
        }
    }

    /// The compressed body (about 420 KB) is under the cap; what libcurl decompresses (64 MiB) is not.
    @Test func aGzipBombStopsAtTheCapOfDecompressedBytes() async throws {
        #expect(LoopbackServer.bomb.count < 1 << 20)
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 20, maxBodyBytes: 1 << 20)
            let error = try await failure(transport, get(base, "/gzip-bomb"))
            #expect(error.code == .responseTooLarge, "\(error)")
        }
    }

    /// The control: under a larger cap the same body arrives whole and decompressed, so the cap above
    /// really counted decompressed bytes.
    @Test func aCompressedBodyUnderTheCapArrivesDecompressed() async throws {
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 20, maxBodyBytes: 80 << 20)
            let response = try await transport.send(get(base, "/gzip-bomb"))
            #expect(response.status == 200)
            #expect(response.body.count == 64 << 20)
            #expect(response.body.allSatisfy { $0 == 0 })
        }
    }

    @Test func theDefaultCapMatchesVendorAPIs() async throws {
        #expect(URLSessionTransport().maxBodyBytes == 32 << 20)
        try await withServer { _, base in
            let api = try VendorAPI(
                provider: "loopback", baseURL: URL(string: base)!, client: URLSessionTransport(deadlineSeconds: 20),
                redactor: CredentialRedactor())
            do {
                _ = try await api.send(.get, api.url("/gzip-bomb"))
                Issue.record("a 64 MiB body passed the default cap")
            } catch let error as RosterError {
                #expect(error.code == .responseTooLarge, "\(error)")
                #expect(error.provider == "loopback" && error.path == "/gzip-bomb")
            }
        }
    }

    // MARK: Unknown outcomes

    func client(retries attempts: Int, deadline: Double = 1) -> HTTPClient {
        HTTPClient.standard(
            transport: URLSessionTransport(deadlineSeconds: deadline), auth: nil, budget: nil,
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 1), observer: nil,
            redactor: CredentialRedactor())
    }

    @Test func aPostThatGetsNoAnswerIsOutcomeUnknownAndSentOnce() async throws {
        try await withServer { server, base in
            let post = HTTPRequest(method: .post, url: URL(string: base + "/hang")!, body: Data("{}".utf8))
            let error = try await failure(client(retries: 4), post)
            #expect(error.code == .outcomeUnknown, "\(error)")
            #expect(error.delivery == .maybeSent)
            #expect(error.message.contains("may or may not have been applied"))
            #expect(server.count("/hang") == 1)
        }
    }

    @Test func aConnectionDroppedAfterAWriteIsOutcomeUnknownAndSentOnce() async throws {
        try await withServer { server, base in
            let post = HTTPRequest(method: .post, url: URL(string: base + "/drop")!, body: Data("{}".utf8))
            let error = try await failure(client(retries: 4, deadline: 10), post)
            #expect(error.code == .outcomeUnknown, "\(error)")
            #expect(server.count("/drop") == 1)
        }
    }

    /// A PUT sets a state: repeating it is harmless, so it is retried as configured — and still ends
    /// `outcomeUnknown`, since no attempt was answered.
    @Test func anIdempotentWriteIsRetriedAsConfiguredThenOutcomeUnknown() async throws {
        try await withServer { server, base in
            let put = HTTPRequest(method: .put, url: URL(string: base + "/hang")!, body: Data("{}".utf8))
            let error = try await failure(client(retries: 2), put)
            #expect(error.code == .outcomeUnknown, "\(error)")
            #expect(server.count("/hang") == 2)
        }
    }

    @Test func aReadThatGetsNoAnswerStaysUnavailable() async throws {
        try await withServer { server, base in
            let error = try await failure(client(retries: 2), get(base, "/slow"))
            #expect(error.code == .unavailable, "\(error)")
            #expect(server.count("/slow") == 2)
        }
    }

    /// A refused connection never reached the vendor: even a POST is safely repeated.
    @Test func aRefusedWriteIsUnavailableNotSentAndRetried() async throws {
        let server = LoopbackServer()
        try await server.start()
        let port = server.port
        await server.stop()
        let observer = RecordingObserver()
        let client = HTTPClient.standard(
            transport: URLSessionTransport(deadlineSeconds: 5), auth: nil, budget: nil,
            retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01), observer: observer, redactor: CredentialRedactor())
        let post = HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1:\(port)/hang")!, body: Data())
        let error = try await failure(client, post)
        #expect(error.code == .unavailable, "\(error)")
        #expect(error.delivery == .notSent)
        #expect(observer.events.filter { if case .failed = $0.kind { true } else { false } }.count == 3)
    }

    // MARK: The run deadline

    @Test func aNeverAnsweringServerFailsByTheRunDeadlineNotByEveryRetry() async throws {
        try await withServer { server, base in
            let client = client(retries: 6, deadline: 30)
            let error = try await RunDeadline.withDeadline(seconds: 1) { try await failure(client, get(base, "/slow")) }
            #expect(error.code == .unavailable, "\(error)")
            #expect(error.message.contains("overall deadline of 1 s"), "\(error)")
            #expect(server.count("/slow") == 1)
        }
    }

    @Test func aWriteInFlightAtTheRunDeadlineIsOutcomeUnknown() async throws {
        try await withServer { server, base in
            let post = HTTPRequest(
                method: .post, url: URL(string: base + "/hang")!, body: Data("{}".utf8), isRetryable: true)
            let client = client(retries: 6, deadline: 30)
            let error = try await RunDeadline.withDeadline(seconds: 1) { try await failure(client, post) }
            #expect(error.code == .outcomeUnknown, "\(error)")
            #expect(error.message.contains("overall deadline"), "\(error)")
            #expect(server.count("/hang") == 1)
        }
    }
}
#endif
