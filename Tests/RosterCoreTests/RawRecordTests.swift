import Foundation
import RosterCore
import Testing

/// Every record can carry its vendor JSON exactly as sent: the bytes of each record are cut from the
/// response without being re-encoded, and never paired with the wrong record.
@Suite struct RawRecordTests {
    func texts(_ body: String, members: [String] = [], count: Int) throws -> [String] {
        try JSONRecordBytes.records(in: Data(body.utf8), members: members, count: count).map(\.text)
    }

    @Test func theElementsOfATopLevelArrayAreCutByteForByte() throws {
        let body = #" [ {"id": 1, "name": "a]\"}{[,"} ,{"id":2,"tags":[1,[2,{"x":"}"}]]}, 3, "four", null ] "#
        #expect(
            try texts(body, count: 5) == [
                #"{"id": 1, "name": "a]\"}{[,"}"#, #"{"id":2,"tags":[1,[2,{"x":"}"}]]}"#, "3", #""four""#, "null",
            ])
    }

    @Test func theArrayUnderTheFirstMemberADecoderWouldTakeIsUsed() throws {
        let body = #"{"total": 2, "data": [{"id": "d"}], "items": [{"id": "a"}, {"id": "b"}], "next": null}"#
        #expect(try texts(body, members: ["items", "data"], count: 2) == [#"{"id": "a"}"#, #"{"id": "b"}"#])
        #expect(try texts(body, members: ["results", "data"], count: 1) == [#"{"id": "d"}"#])
    }

    @Test func aCountThatDoesNotMatchOrATwiceSentMemberFailsLoudly() {
        #expect(throws: RosterError.self) { try texts(#"[{"id": 1}, {"id": 2}]"#, count: 3) }
        #expect(throws: RosterError.self) { try texts(#"{"items": [1], "items": [2]}"#, members: ["items"], count: 1) }
        #expect(throws: RosterError.self) { try texts(#"{"items": [1, 2"#, members: ["items"], count: 2) }
        #expect(throws: RosterError.self) { try texts(#"["unterminated]"#, count: 1) }
    }

    @Test func anEmptyOrAbsentListHasNoRecords() throws {
        #expect(try texts(#"{"count": 0, "results": null}"#, members: ["results"], count: 0).isEmpty)
        #expect(try texts("[]", count: 0).isEmpty)
    }

    @Test func aSingleRecordIsTheBodyWithoutTheSpaceAroundIt() {
        #expect(JSONRecordBytes.record(in: Data("\n  {\"id\": 1}\r\n".utf8)).text == #"{"id": 1}"#)
    }

    @Test func aNativeRecordKeptAsRawJSONIsDecodedOnceWhenAskedFor() throws {
        struct Wire: Decodable, Sendable { var id: Int }
        let decodes = Counter()
        let raw = RawVendorRecord(Data(#"{"id": 7, "extra": true}"#.utf8))
        let native = NativeRecord(raw: raw) { data in
            decodes.increment()
            return try JSONDecoder().decode(Wire.self, from: data)
        }
        var record = sampleEnrollment(1)
        record.native = native
        #expect(decodes.value == 0)
        #expect(record.raw == raw)
        #expect(record.native?.as(Wire.self)?.id == 7)
        #expect(record.native?.as(Wire.self)?.id == 7)
        #expect(decodes.value == 1)
        let object = try #require(try raw.jsonObject() as? [String: Any])
        #expect(object["id"] as? Int == 7 && object["extra"] as? Bool == true)
        // A raw record that does not decode as the full type stays reachable as raw JSON.
        let broken = NativeRecord(raw: RawVendorRecord(Data(#"{"id": "x"}"#.utf8))) {
            try JSONDecoder().decode(Wire.self, from: $0)
        }
        #expect(broken.as(Wire.self) == nil)
        #expect(broken.as(RawVendorRecord.self)?.text == #"{"id": "x"}"#)
        #expect(String(describing: raw) == "RawVendorRecord(24 bytes)")
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
