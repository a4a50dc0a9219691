import Foundation
import RosterCore
import RosterHTTP
import Testing

/// Foundation's `JSONDecoder` (Swift 6.3, Linux) traps when a body's last byte opens the 513th
/// nested array, in UTF-8 and after converting UTF-16 or UTF-32. Bodies like that must come back as
/// a typed `decoding` error, never reach the decoder.
@Suite struct JSONNestingTests {
    static let trapping: [(String, Data)] = [
        ("513 brackets", Data(String(repeating: "[", count: 513).utf8)),
        ("an object holding 512 brackets", Data((#"{"a":"# + String(repeating: "[", count: 512)).utf8)),
        ("513 brackets after a BOM", Data([0xEF, 0xBB, 0xBF]) + Data(String(repeating: "[", count: 513).utf8)),
        ("513 brackets in UTF-16LE", String(repeating: "[", count: 513).data(using: .utf16LittleEndian)!),
        ("513 brackets in UTF-16BE", String(repeating: "[", count: 513).data(using: .utf16BigEndian)!),
        ("513 brackets in UTF-16 with a BOM", String(repeating: "[", count: 513).data(using: .utf16)!),
        ("513 brackets in UTF-32LE", String(repeating: "[", count: 513).data(using: .utf32LittleEndian)!),
        ("10,000 brackets", Data(String(repeating: "[", count: 10_000).utf8)),
        ("closers first cannot hide openers",
         Data((String(repeating: "]", count: 600) + String(repeating: "[", count: 513)).utf8)),
    ]

    @Test(arguments: trapping.map(\.0))
    func refusedBeforeTheDecoder(_ name: String) {
        let body = Self.trapping.first { $0.0 == name }!.1
        #expect {
            _ = try JSONNesting.decode([String].self, from: body)
        } throws: { error in
            (error as? RosterError)?.code == .decoding && (error as? RosterError)?.jsonPath == "$"
        }
    }

    @Test func vendorAPIDecodeRefusesItWithTheRequest() async throws {
        let transport = ScriptedTransport([.respond(.status(200, body: String(repeating: "[", count: 513)))])
        let api = try VendorAPI(
            provider: "example", baseURL: URL(string: "https://api.example.com/v2")!, client: transport,
            redactor: CredentialRedactor())
        let url = api.url("/rows")
        let response = try await api.send(.get, url)
        do {
            _ = try api.decode([[String]].self, from: response, for: .get, url)
            Issue.record("expected a decoding error")
        } catch let error as RosterError {
            #expect(error.code == .decoding)
            #expect(error.jsonPath == "$")
            #expect(error.provider == "example")
            #expect(error.path == "/v2/rows")
        }
    }

    @Test func ordinaryBodiesPass() throws {
        let nested = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        for body in [#"{"a": "[[[[{{{{", "b": [1, {"c": "\"[["}]}"#, nested, "[]", "", "1"] {
            #expect(throws: Never.self, "\(body.prefix(40))") { try JSONNesting.check(Data(body.utf8)) }
        }
        #expect(try JSONNesting.decode([String].self, from: Data(#"["a\"[[[", "b"]"#.utf8)) == ["a\"[[[", "b"])
    }
}
