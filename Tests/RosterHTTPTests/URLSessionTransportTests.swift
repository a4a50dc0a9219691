#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

@Suite("URLSession transport against a real server on 127.0.0.1", .serialized)
struct URLSessionTransportTests {
    func withServer(_ body: (LoopbackServer, String) async throws -> Void, redirectTarget: @escaping @Sendable () -> String = { "" })
        async throws
    {
        let server = LoopbackServer()
        try await server.start(redirectTarget: redirectTarget)
        do {
            try await body(server, "http://127.0.0.1:\(server.port)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func aPlainGetAndStatusesComeBackAsResponses() async throws {
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 10)
            let ok = try await transport.send(HTTPRequest(method: .get, url: URL(string: base + "/ok")!))
            #expect(ok.status == 200)
            #expect(String(decoding: ok.body, as: UTF8.self) == "fine")
            let limited = try await transport.send(HTTPRequest(method: .get, url: URL(string: base + "/status/429")!))
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "3")
        }
    }

    @Test func bodiesAreSentWithTheirContentType() async throws {
        try await withServer { _, base in
            let api = try VendorAPI(
                provider: "loopback", baseURL: URL(string: base)!, client: URLSessionTransport(deadlineSeconds: 10),
                redactor: CredentialRedactor())
            let response = try await api.send(.post, api.url("/echo"), body: .form([.init("idStatus", "1"), .init("x", "a+b")]))
            #expect(String(decoding: response.body, as: UTF8.self) == "application/x-www-form-urlencoded|idStatus=1&x=a%2Bb")
        }
    }

    @Test func theDeadlineCoversATricklingResponse() async throws {
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 1)
            do {
                _ = try await transport.send(HTTPRequest(method: .get, url: URL(string: base + "/trickle")!))
                Issue.record("a 20 s trickle finished inside a 1 s deadline")
            } catch let error as RosterError {
                #expect(error.code == .unavailable)
                #expect(error.message.contains("within 1"))
            }
        }
    }

    @Test func cancellationSurfacesAsCancellationError() async throws {
        try await withServer { _, base in
            let transport = URLSessionTransport(deadlineSeconds: 30)
            let task = Task { try await transport.send(HTTPRequest(method: .get, url: URL(string: base + "/slow")!)) }
            try await Task.sleep(nanoseconds: 200_000_000)
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }

    @Test func sameOriginRedirectsAreFollowedWithCredentials() async throws {
        try await withServer { server, base in
            let client = HTTPClient(
                transport: URLSessionTransport(deadlineSeconds: 10),
                middleware: [AuthMiddleware(header: "X-API-Key", source: StaticCredential("loopback-key"))])
            let response = try await client.send(HTTPRequest(method: .get, url: URL(string: base + "/redirect-here")!))
            #expect(response.status == 200)
            let followed = server.requests.filter { $0.path == "/ok" }
            #expect(followed.count == 1)
        }
    }

    @Test func redirectsToAnotherOriginAreRefusedAndNothingIsSentThere() async throws {
        let other = LoopbackServer()
        try await other.start()
        let otherPort = other.port
        try await withServer(
            { _, base in
                let client = HTTPClient(
                    transport: URLSessionTransport(deadlineSeconds: 10),
                    middleware: [AuthMiddleware(header: "X-API-Key", source: StaticCredential("loopback-key"))])
                do {
                    _ = try await client.send(HTTPRequest(method: .get, url: URL(string: base + "/redirect-away")!))
                    Issue.record("followed a redirect to another origin")
                } catch let error as RosterError {
                    #expect(error.code == .untrustedEndpoint)
                }
            }, redirectTarget: { "http://localhost:\(otherPort)/ok" })
        #expect(other.requests.isEmpty)
        await other.stop()
    }

    @Test func aRefusedConnectionIsUnavailable() async throws {
        let server = LoopbackServer()
        try await server.start()
        let port = server.port
        await server.stop()
        do {
            _ = try await URLSessionTransport(deadlineSeconds: 5).send(
                HTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:\(port)/ok")!))
            Issue.record("a stopped server answered")
        } catch let error as RosterError {
            #expect(error.code == .unavailable)
        }
    }
}
#endif
