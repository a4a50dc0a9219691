import Foundation
import RosterCore
import Testing

/// The version is said in three places besides the git tag; a release that updates one and forgets
/// another fails here (see CONTRIBUTING.md, "Releasing").
@Suite struct VersionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func theVersionIsSemantic() {
        #expect(RosterVersion.current.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+/) != nil)
    }

    @Test func theChangelogsNewestEntryIsThisVersion() throws {
        let first = try Self.text("CHANGELOG.md").split(separator: "\n").first { $0.hasPrefix("## ") }
        #expect(first == "## \(RosterVersion.current)")
    }

    @Test func theReadmeNamesThisVersionWhereverItNamesOne() throws {
        let readme = try Self.text("README.md")
        let named = readme.matches(of: /from: "([0-9]+\.[0-9]+\.[0-9]+)"/).map { String($0.output.1) }
        #expect(!named.isEmpty, "the README shows no `from:` line")
        #expect(named.allSatisfy { $0 == RosterVersion.current }, "\(named)")
        #expect(readme.contains("Version \(RosterVersion.current)"))
    }

    @Test func contributingTagsThisVersion() throws {
        #expect(try Self.text("CONTRIBUTING.md").contains("git tag -a \(RosterVersion.current) "))
    }
}
