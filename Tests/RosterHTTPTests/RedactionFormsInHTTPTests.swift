import Foundation
import RosterCore
import RosterHTTP
import Testing

/// Changed forms of a credential do not survive into the places the HTTP layer writes text: observer
/// (`--verbose`) lines, vendor error bodies, and next links named in errors.
@Suite("Redaction of changed forms in the HTTP layer")
struct RedactionFormsInHTTPTests {
    static let key = "ms/Key+77 a1b2c3d4"
    let redactor = CredentialRedactor(secrets: [Self.key])

    static func leaks(_ text: String) -> Bool {
        let lowerHex = VendorAPI.encode(key).replacingOccurrences(of: "%2F", with: "%2f")
        return [key, key.uppercased(), VendorAPI.encode(key), lowerHex, Data(key.utf8).base64EncodedString()]
            .contains { text.contains($0) }
    }

    @Test func observerLinesHideAPercentEncodedKeyInAQuery() async throws {
        let observer = RecordingObserver()
        let client = HTTPClient(
            transport: InProcessTransport { _ in HTTPResponse(status: 200) },
            middleware: [ObserverMiddleware(observer: observer, redactor: redactor, clock: VirtualClock())])
        let encoded = VendorAPI.encode(Self.key).lowercased()
        _ = try await client.send(
            HTTPRequest(method: .get, url: URL(string: "https://api.example.com/v1/x?key=\(encoded)&page=2")!))
        let lines = observer.lines
        #expect(lines.count == 2)
        for line in lines {
            #expect(!Self.leaks(line) && !line.contains(encoded), "\(line)")
            #expect(line.contains("key=\(CredentialRedactor.mask)&page=2"), "\(line)")
        }
    }

    @Test func aVendorBodyEchoingBasicAuthAndALinkLoseTheKey() async throws {
        let basic = Data("user:\(Self.key)".utf8).base64EncodedString()
        let link = "https://api.example.com/v1/x?cursor=2&key=\(VendorAPI.encode(Self.key))"
        let body = #"{"error":"bad auth Basic \#(basic)","next":"\#(link)","key":"\#(Self.key.uppercased())"}"#
        let api = try VendorAPI(
            provider: "echo", baseURL: URL(string: "https://api.example.com/v1")!,
            client: InProcessTransport { _ in HTTPResponse(status: 400, body: Data(body.utf8)) }, redactor: redactor)
        do {
            _ = try await api.send(.get, api.url("/x"))
            Issue.record("a 400 passed")
        } catch let error as RosterError {
            let text = (error.vendorBody ?? "") + error.description
            #expect(!Self.leaks(text), "\(text)")
            #expect(!text.contains(String(basic.dropFirst(8).prefix(16))), "\(text)")
            #expect(text.contains("cursor=2&key=\(CredentialRedactor.mask)"), "\(text)")
        }
    }
}
