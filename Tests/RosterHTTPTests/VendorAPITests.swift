import Foundation
import RosterCore
import RosterHTTP
import Testing

@Suite("VendorAPI: URLs, bodies, error mapping, caps, origins")
struct VendorAPITests {
    func api(_ transport: some HTTPTransport, base: String = "https://api.example.com/v2", cap: Int = 32 << 20) throws
        -> VendorAPI
    {
        try VendorAPI(
            provider: "example", baseURL: URL(string: base)!, client: transport,
            redactor: CredentialRedactor(secrets: ["s3cret-key"]), maxBodyBytes: cap)
    }

    @Test func queryValuesAreStrictlyEncoded() throws {
        let url = try api(ScriptedTransport([])).url(
            "/participants", query: [("include[]", "attendance"), ("q", "a+b c/ø&=")])
        #expect(
            url.absoluteString
                == "https://api.example.com/v2/participants?include%5B%5D=attendance&q=a%2Bb%20c%2F%C3%B8%26%3D")
    }

    @Test func pathsJoinTheBaseWithExactlyOneSlash() throws {
        #expect(try api(ScriptedTransport([]), base: "https://h.example/v1/").url("courses").absoluteString
            == "https://h.example/v1/courses")
    }

    @Test func plainHTTPIsOnlyForLoopback() throws {
        #expect(throws: RosterError.self) { try api(ScriptedTransport([]), base: "http://api.example.com/v2") }
        _ = try api(ScriptedTransport([]), base: "http://127.0.0.1:8080/v2")
        _ = try api(ScriptedTransport([]), base: "http://localhost:8080/v2")
        #expect(throws: RosterError.self) { try api(ScriptedTransport([]), base: "ftp://example.com") }
    }

    @Test func loopbackMeansLiteralLoopbackAddressesOnly() throws {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"] {
            #expect(BaseURLPolicy.isLoopback(host: host), "\(host)")
        }
        for host in ["127.example.com", "127.0.0.1.evil.net", "127.0.0", "127.0.0.256", "128.0.0.1", "example.com", ""] {
            #expect(!BaseURLPolicy.isLoopback(host: host), "\(host)")
        }
        #expect(throws: RosterError.self) { try api(ScriptedTransport([]), base: "http://127.example.com/v2") }
    }

    @Test func baseURLsCarryNoUserinfoQueryOrFragment() throws {
        for bad in ["https://bob:pw@api.example.com/v2", "https://api.example.com/v2?api_key=x", "https://api.example.com/v2#x"] {
            #expect(throws: RosterError.self, "\(bad)") { try api(ScriptedTransport([]), base: bad) }
        }
    }

    @Test func formAndJSONBodiesCarryAContentType() async throws {
        let transport = ScriptedTransport([])
        let api = try api(transport)
        _ = try await api.send(.put, api.url("/participants/1"), body: .form([.init("idStatus", "1"), .init("a b", "x+y")]))
        _ = try await api.send(.post, api.url("/x"), body: .json(Data("{}".utf8)))
        let sent = transport.requests
        #expect(sent[0].headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(String(decoding: sent[0].body!, as: UTF8.self) == "idStatus=1&a%20b=x%2By")
        #expect(sent[1].headers["Content-Type"] == "application/json")
        #expect(sent[0].headers["Accept"] == "application/json")
    }

    @Test(arguments: [
        (400, RosterError.Code.invalidArgument), (401, .unauthenticated), (403, .permissionDenied), (404, .notFound),
        (413, .invalidArgument), (429, .rateLimited), (500, .unavailable), (503, .unavailable),
    ])
    func statusesMapToPortableCodes(status: Int, code: RosterError.Code) async throws {
        let transport = ScriptedTransport([.respond(.status(status, ["Retry-After": "9"], body: "{\"error\":\"no\"}"))])
        let api = try api(transport)
        do {
            _ = try await api.send(.get, api.url("/participants", query: [("since_id", "5")]))
            Issue.record("expected an error")
        } catch let error as RosterError {
            #expect(error.code == code)
            #expect(error.httpStatus == status)
            #expect(error.provider == "example")
            #expect(error.method == "GET")
            #expect(error.path == "/v2/participants")
            #expect(error.vendorBody == "{\"error\":\"no\"}")
            #expect(error.retryAfterSeconds == 9)
        }
    }

    @Test func oversizedBodiesFailTyped() async throws {
        let transport = ScriptedTransport([.respond(.status(200, body: String(repeating: "x", count: 2048)))])
        let api = try api(transport, cap: 1024)
        await #expect(throws: RosterError.self) { try await api.send(.get, api.url("/big")) }
        do { _ = try await api.send(.get, api.url("/big")) } catch let error as RosterError {
            Issue.record("second request should have passed the empty fallback: \(error)")
        }
    }

    @Test func decodingErrorsNameTheJSONPath() async throws {
        struct Row: Decodable { let id: Int }
        let body = #"[{"id": 1}, {"id": "two"}]"#
        let transport = ScriptedTransport([.respond(.status(200, body: body))])
        let api = try api(transport)
        let url = api.url("/rows")
        let response = try await api.send(.get, url)
        do {
            _ = try api.decode([Row].self, from: response, for: .get, url)
            Issue.record("expected a decoding error")
        } catch let error as RosterError {
            #expect(error.code == .decoding)
            #expect(error.jsonPath == "$[1].id")
            #expect(error.path == "/v2/rows")
        }
    }

    @Test func linksToAnotherOriginAreRefused() throws {
        let api = try api(ScriptedTransport([]))
        try api.checkSameOrigin(URL(string: "https://api.example.com/v2/x?offset=10")!)
        try api.checkSameOrigin(URL(string: "https://API.example.com:443/v2/x")!)
        for hostile in ["https://evil.example/v2/x", "http://api.example.com/v2/x", "https://api.example.com:8443/v2/x"] {
            #expect(throws: RosterError.self) { try api.checkSameOrigin(URL(string: hostile)!) }
        }
    }
}
