import Foundation
import RosterCore
import RosterHTTP
import Testing

/// A credential source that hands out numbered tokens and counts refreshes.
final class CountingTokens: CredentialSource, @unchecked Sendable {
    private let lock = NSLock()
    private var issued = 0
    var canRefresh: Bool { true }
    var refreshes: Int { lock.withLock { issued } }
    func credential(refresh: Bool) async throws -> String {
        lock.withLock {
            if refresh { issued += 1 }
            return "token-\(issued)"
        }
    }
}

@Suite("Auth middleware and redaction")
struct AuthMiddlewareTests {
    @Test func setsTheHeaderWithItsPrefix() async throws {
        let transport = ScriptedTransport([])
        let client = HTTPClient(
            transport: transport, middleware: [AuthMiddleware(header: "X-API-Key", source: StaticCredential("s3cret-key"))])
        _ = try await client.send(getRequest())
        #expect(transport.requests[0].headers["x-api-key"] == "s3cret-key")
    }

    @Test func refreshesOnceOn401() async throws {
        let tokens = CountingTokens()
        let transport = ScriptedTransport([.respond(.status(401)), .respond(.status(200))])
        let client = HTTPClient(transport: transport, middleware: [AuthMiddleware(prefix: "Bearer ", source: tokens)])
        #expect(try await client.send(getRequest()).status == 200)
        #expect(transport.requests.map { $0.headers["Authorization"] } == ["Bearer token-0", "Bearer token-1"])

        let stillRejected = ScriptedTransport([.respond(.status(401)), .respond(.status(401)), .respond(.status(200))])
        let again = HTTPClient(transport: stillRejected, middleware: [AuthMiddleware(prefix: "Bearer ", source: tokens)])
        #expect(try await again.send(getRequest()).status == 401)
        #expect(stillRejected.requests.count == 2)
    }

    @Test func aStaticKeyIsNotResentOn401() async throws {
        let transport = ScriptedTransport([.respond(.status(401)), .respond(.status(200))])
        let client = HTTPClient(transport: transport, middleware: [AuthMiddleware(source: StaticCredential("abcd-key"))])
        #expect(try await client.send(getRequest()).status == 401)
        #expect(transport.requests.count == 1)
    }

    @Test func descriptionsNeverShowTheCredential() {
        let auth = AuthMiddleware(header: "X-API-Key", source: StaticCredential("s3cret-key"))
        #expect(!String(describing: auth).contains("s3cret"))
        #expect(!String(describing: StaticCredential("s3cret-key")).contains("s3cret"))
        #expect(!String(describing: ClosureCredential { _ in "s3cret-key" }).contains("s3cret"))
    }

    @Test func theRedactorScrubsErrorsAndKeepsShortValues() {
        let redactor = CredentialRedactor(secrets: ["s3cret-key", "abc"])
        let error = RosterError(
            .unauthenticated, "key s3cret-key rejected", path: "/v2/x?api_key=s3cret-key", vendorBody: "{\"key\":\"s3cret-key\"}")
        let clean = redactor.redact(error)
        #expect(!clean.description.contains("s3cret-key"))
        #expect(clean.vendorBody?.contains(CredentialRedactor.mask) == true)
        #expect(clean.path == "/v2/x")
        #expect(redactor.redact("abc stays") == "abc stays")
    }
}

@Suite("Observer middleware")
struct ObserverMiddlewareTests {
    @Test func seesEveryAttemptWithTimingsAndNoSecret() async throws {
        let clock = VirtualClock()
        let observer = RecordingObserver()
        let redactor = CredentialRedactor(secrets: ["s3cret-key"])
        let transport = ScriptedTransport([.respond(.status(503)), .respond(.status(200, body: "[]"))])
        let client = HTTPClient.standard(
            transport: transport, auth: AuthMiddleware(header: "X-API-Key", source: StaticCredential("s3cret-key")),
            budget: nil, clock: clock, observer: observer, redactor: redactor)
        var request = getRequest("https://api.example.com/v2/participants?token=s3cret-key")
        request.headers["X-Trace"] = "1"
        _ = try await client.send(request)
        let lines = observer.lines
        #expect(lines.count == 4)
        #expect(lines[1].contains("→ 503"))
        #expect(lines[3].contains("→ 200 (2 B)"))
        #expect(lines.allSatisfy { !$0.contains("s3cret-key") })
    }

    @Test func reportsFailuresAndCancellation() async throws {
        let observer = RecordingObserver()
        let transport = ScriptedTransport([.fail(RosterError(.unavailable, "connection refused"))])
        let client = HTTPClient(
            transport: transport, middleware: [ObserverMiddleware(observer: observer, redactor: CredentialRedactor())])
        await #expect(throws: RosterError.self) { try await client.send(getRequest()) }
        #expect(observer.lines.last?.contains("failed") == true)
        #expect(observer.lines.last?.contains("connection refused") == true)
    }
}
