import Foundation
import Testing

/// Every Swift block of every DocC article is compiled code: it must appear, line for line (leading
/// whitespace aside), in a Swift file of a test target, where it builds and runs. An article edited
/// without its test, or a test edited without its article, fails here.
@Suite struct ArticleCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let catalog = root.appendingPathComponent("Sources/RosterCore/RosterCore.docc")

    /// The catalogue's articles, by file name.
    static func articles() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: catalog.path).filter { $0.hasSuffix(".md") }.sorted()
            .map { ($0, try String(contentsOf: catalog.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The ```swift blocks of `text`, each as its lines with leading whitespace removed.
    static func swiftBlocks(_ text: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!)
                current = nil
            } else if current != nil {
                current!.append(trimmed)
            }
        }
        return blocks
    }

    /// Every Swift file of the test targets, as trimmed lines.
    static func testSources() throws -> [(path: String, lines: [String])] {
        var folders = [root.appendingPathComponent("Tests")]
        for vendor in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Providers").path) {
            folders.append(root.appendingPathComponent("Providers/\(vendor)/Tests"))
        }
        var sources: [(String, [String])] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
                sources.append((path, text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }))
            }
        }
        return sources
    }

    static func contains(_ lines: [String], _ block: [String]) -> Bool {
        guard !block.isEmpty, lines.count >= block.count else { return block.isEmpty }
        return (0...(lines.count - block.count)).contains { start in
            lines[start..<(start + block.count)].elementsEqual(block)
        }
    }

    @Test func theCatalogueHasEveryArticleTheIssueAsksFor() throws {
        let names = Set(try Self.articles().map(\.name))
        for article in [
            "RosterCore.md", "GettingStarted.md", "PagingAndConsistency.md", "StatusAndRoleMapping.md",
            "WritingAProvider.md", "TestingYourApp.md", "MigratingLearners.md",
        ] {
            #expect(names.contains(article), "missing \(article)")
        }
    }

    @Test func everySwiftBlockOfEveryArticleIsCompiledTestCode() throws {
        let sources = try Self.testSources()
        var checked = 0
        for article in try Self.articles() {
            for block in Self.swiftBlocks(article.text) {
                checked += 1
                #expect(
                    sources.contains { Self.contains($0.lines, block) },
                    "\(article.name): this block appears in no test:\n\(block.joined(separator: "\n"))")
            }
        }
        #expect(checked >= 10, "only \(checked) Swift blocks found")
    }

    @Test func aChangedLineIsNoticed() {
        let lines = ["let a = 1", "let b = 2", "print(a + b)"]
        #expect(Self.contains(lines, ["let b = 2", "print(a + b)"]))
        #expect(!Self.contains(lines, ["let b = 3", "print(a + b)"]))
        #expect(Self.swiftBlocks("x\n```swift\n  let a = 1\n```\n```\nnot swift\n```") == [["let a = 1"]])
    }
}
