#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

@testable import RosterCLI

/// Records pass the credential redactor on their way out: a vendor that echoes a key into a name,
/// e-mail or title does not get it into a table, CSV, JSON or JSON Lines output.
struct RecordRedactionToolTests {
    /// A vendor that echoes the credential into a record's text (any case, percent-encoded, base64)
    /// does not get it into any output format.
    @Test(arguments: OutputFormat.allCases)
    func aCredentialEchoedIntoARecordIsNotWritten(_ format: OutputFormat) throws {
        let key = "fc-Live-Key/7788+99"
        var record = OutputFormatTests.enrollment(
            firstName: key.uppercased(), lastName: "x \(VendorAPI.encode(key).lowercased())",
            email: "\(key)@example.com")
        record.course.title = "Course " + Data("api:\(key)".utf8).base64EncodedString()
        let collected = Collected()
        let writer = try RecordWriter(
            format: format, output: TextOutput(sink: { data in collected.append(data) }),
            redactor: CredentialRedactor(secrets: [key]))
        try writer.write(record)
        try writer.finish()
        let text = collected.text
        #expect(text.contains("‹redacted›"), "\(text)")
        let encoded = VendorAPI.encode(key)
        for form in [key, key.uppercased(), key.lowercased(), encoded, encoded.lowercased()] {
            #expect(!text.contains(form), "\(format): \(text)")
        }
        #expect(!text.contains(String(Data("api:\(key)".utf8).base64EncodedString().dropFirst(8).prefix(12))))
    }
}
/// Bytes a `TextOutput` sink received.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
#endif
