import Foundation
import RosterCore
import RosterHTTP
import Testing

/// Ids put into a URL path: encoded as one segment, and refused when they would move the request.
@Suite struct PathSegmentTests {
    @Test(arguments: [
        ".", "..", "%2e", "%2E", "%2e%2e", "%2E%2e", ".%2e", "%2e.", "%252e%252e", "%25252e", "a/../b", "../x", "x/..",
        "..\\x", "%2e%2e%2fetc", "..%2F", "%2e%2e%5c", "",
    ])
    func dotSegmentsInEverySpellingAreRefused(_ id: String) {
        #expect(PathSegment.problem(with: id) != nil)
        do {
            _ = try PathSegment.encode(id, provider: "meltingspot")
            Issue.record("\(id) was accepted")
        } catch let error as RosterError {
            #expect(error.code == .invalidArgument && error.provider == "meltingspot")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("12", "12"), ("3f2a-9c", "3f2a-9c"), ("a/b", "a%2Fb"), ("a?b#c", "a%3Fb%23c"), ("...", "..."), (".a", ".a"),
        ("a.", "a."), ("%2e%2e%2e", "%252e%252e%252e"), ("Åse", "%C3%85se"), ("101:1005", "101%3A1005"),
    ])
    func ordinaryIdsBecomeOneEncodedSegment(_ id: String, _ encoded: String) throws {
        #expect(try PathSegment.encode(id) == encoded)
    }
}
