#if CLI
import Foundation
import Testing

/// Every example a user is shown runs as written: each `sh` block of the README against the
/// `roster serve` its marker names, and every `roster …` line of every subcommand's `--help`
/// against the documented data set. Help text fits 80 columns and lists only accepted formats.
@Suite(.serialized) struct ExamplesToolTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The data set the README and the help examples are written for.
    static let documentedServe = ["--vendor", "all", "--records", "40", "--courses", "3", "--seed", "1"]

    /// One marked `sh` block of the README.
    struct Block {
        var marker: String
        var script: String
        var line: Int
    }

    /// The README's `sh` blocks with the marker on the line before each.
    static func readmeBlocks() throws -> [Block] {
        let lines = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
            .components(separatedBy: "\n")
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            guard lines[index] == "```sh" else {
                index += 1
                continue
            }
            let previous = index > 0 ? lines[index - 1] : ""
            var marker = ""
            if previous.hasPrefix("<!-- example: "), previous.hasSuffix(" -->") {
                marker = String(previous.dropFirst("<!-- example: ".count).dropLast(" -->".count))
            } else if previous == "<!-- sync-examples:begin -->" {
                marker = "skip (run by SyncToolTests)"
            }
            var body: [String] = []
            var end = index + 1
            while end < lines.count, lines[end] != "```" {
                body.append(lines[end])
                end += 1
            }
            blocks.append(Block(marker: marker, script: body.joined(separator: "\n"), line: index + 1))
            index = end + 1
        }
        return blocks
    }

    @Test func everyReadmeShellBlockSaysHowItIsChecked() throws {
        let blocks = try Self.readmeBlocks()
        #expect(blocks.count >= 8)
        for block in blocks {
            #expect(
                block.marker.hasPrefix("serve ") || block.marker == "local" || block.marker.hasPrefix("skip ("),
                "README line \(block.line): an sh block with no <!-- example: … --> marker")
        }
    }

    @Test func everyRunnableReadmeBlockRunsAsWritten() async throws {
        for block in try Self.readmeBlocks() where !block.marker.hasPrefix("skip") {
            let script = block.script.replacingOccurrences(of: "swift run roster", with: "roster")
            let run: (status: Int32, output: String, folder: URL)
            if block.marker == "local" {
                run = try SyncToolTests.shell(script, environment: [:])
            } else {
                let arguments = block.marker.dropFirst("serve ".count).split(separator: " ").map(String.init)
                run = try await withServer(arguments) { server in try SyncToolTests.shell(script, environment: server.environment) }
            }
            defer { try? FileManager.default.removeItem(at: run.folder) }
            #expect(run.status == 0, "README line \(block.line) failed:\n\(run.output)")
        }
    }

    /// The `roster …` commands in `text` (an example section of a help page), continuation lines
    /// joined.
    static func commands(inHelp text: String) -> [String] {
        var commands: [String] = []
        var pending: String?
        for raw in text.components(separatedBy: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var open = pending {
                open += " " + line.replacingOccurrences(of: "\\", with: "").trimmingCharacters(in: .whitespaces)
                if line.hasSuffix("\\") { pending = open } else {
                    commands.append(open)
                    pending = nil
                }
                continue
            }
            guard line.hasPrefix("roster ") || line.hasPrefix("swift run roster ") else { continue }
            let command = line.replacingOccurrences(of: "swift run roster", with: "roster")
            if command.hasSuffix("\\") { pending = String(command.dropLast()) } else { commands.append(command) }
        }
        return commands
    }

    static let subcommands = [
        "providers", "courses", "list", "get", "update", "enroll", "unenroll", "export", "sync", "serve", "demo",
    ]

    @Test(arguments: subcommands)
    func everyHelpExampleRunsAgainstTheDocumentedServer(_ subcommand: String) async throws {
        let help = try await ToolProcess.run([subcommand, "--help"])
        #expect(help.status == 0)
        let commands = Self.commands(inHelp: help.stdout).filter { !$0.hasPrefix("roster serve") }
        #expect(!commands.isEmpty || subcommand == "serve", "\(subcommand) --help shows no runnable example")
        var serveArguments = Self.documentedServe
        if let against = help.stdout.firstMatch(of: /against\s+`roster serve ([^`]+)`/) {
            var words = against.output.1.split(separator: " ").map(String.init)
            if let port = words.firstIndex(of: "--port"), port + 1 < words.count { words.removeSubrange(port...(port + 1)) }
            serveArguments = words
        }
        for command in commands {
            let run = try await withServer(serveArguments) { server in
                try SyncToolTests.shell(command, environment: server.environment)
            }
            defer { try? FileManager.default.removeItem(at: run.folder) }
            #expect(run.status == 0, "`\(command)` (from \(subcommand) --help) failed:\n\(run.output)")
        }
    }

    @Test(arguments: [""] + subcommands)
    func helpFitsEightyColumnsAndListsOnlyAcceptedFormats(_ subcommand: String) async throws {
        let help = try await ToolProcess.run(subcommand.isEmpty ? ["--help"] : [subcommand, "--help"])
        #expect(help.status == 0)
        for line in help.stdout.split(separator: "\n") {
            #expect(line.count <= 80, "\(subcommand) --help: \(line.count) columns: \(line)")
        }
        let accepted: [String: [String]] = [
            "providers": ["table", "json"], "export": ["jsonl", "csv", "json"], "sync": ["table", "jsonl", "json"],
        ]
        if let formats = accepted[subcommand] {
            let formatLines = help.stdout.components(separatedBy: "--format").dropFirst().joined()
            for format in ["table", "jsonl", "csv", "json"] where !formats.contains(format) {
                #expect(!formatLines.contains("\(format),") && !formatLines.contains("| \(format)"),
                        "\(subcommand) --help offers \(format)")
            }
            // The parser refuses what the help does not offer, naming the option.
            let refused = ["table", "csv"].first { !formats.contains($0) }!
            let run = try await ToolProcess.run([subcommand, "--format", refused])
            #expect(run.status == 2, "\(subcommand) accepted --format \(refused)")
            #expect(run.stderr.contains("format"), "\(run.stderr)")
        }
    }
}
#endif
