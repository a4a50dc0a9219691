import Testing

@testable import RosterCore

/// The listing's set of seen ids stores common id shapes in fixed-size keys; no two different ids
/// may ever be taken for one another (that would drop a record as a duplicate).
@Suite struct CompactIDSetTests {
    /// Pairs that a careless packing would confuse: leading zeros, a pair against the number with
    /// the same 64 bits, case in a UUID, values past 2³² or 2⁶⁴, signs and empty parts.
    static let lookAlikes: [(String, String)] = [
        ("1", "01"), ("0", "00"), ("1:2", "4294967298"), ("1:2", "01:2"), ("4294967295:1", "4294967296:1"),
        ("18446744073709551615", "18446744073709551616"), ("9999999999999999999", "09999999999999999999"),
        ("077ca353-93f8-4e60-a3b4-000b7028473e", "077CA353-93F8-4E60-A3B4-000B7028473E"),
        ("077ca353-93f8-4e60-a3b4-000b7028473e", "077ca353-93f8-4e60-a3b4-000b7028473f"),
        ("077ca353-93f8-4e60-a3b4-000b7028473e", "077ca35393f8-4e60-a3b4-000b7028473e-"),
        ("5", "-5"), ("5", "+5"), (":5", "5"), ("5:", "5"), ("1:2:3", "1:2"), ("", "0"), ("12", "12 "),
    ]

    @Test(arguments: lookAlikes)
    func lookAlikeIdsStayDistinct(_ first: String, _ second: String) {
        var set = CompactIDSet()
        let firstInserted = set.insert(first)
        #expect(firstInserted)
        #expect(!set.contains(second), "\(second) was taken for \(first)")
        let secondInserted = set.insert(second)
        #expect(secondInserted, "\(second) was refused as a duplicate of \(first)")
        let firstAgain = set.insert(first)
        let secondAgain = set.insert(second)
        #expect(!firstAgain && !secondAgain)
        #expect(set.count == 2)
        #expect(Set(set.all) == [first, second], "the ids came back changed: \(set.all)")
    }

    @Test func everyShapeComesBackAsInsertedAndOnlyOnce() {
        let ids = [
            "0", "42", "18446744073709551615", "101:1042", "4294967295:4294967295", "0:0",
            "077ca353-93f8-4e60-a3b4-000b7028473e", "00000000-0000-0000-0000-000000000000", "abc", "A-1", "é",
        ]
        var set = CompactIDSet()
        for id in ids {
            let inserted = set.insert(id)
            #expect(inserted, "\(id) refused")
        }
        for id in ids {
            let again = set.insert(id)
            #expect(!again, "\(id) inserted twice")
        }
        #expect(set.count == ids.count)
        #expect(set.all.sorted() == ids.sorted())
    }
}
