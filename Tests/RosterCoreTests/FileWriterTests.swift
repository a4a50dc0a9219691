import Foundation
import RosterCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `CheckedFile` and `AtomicFileWriter`: every failed write is thrown, and a destination is either
/// untouched or replaced whole.
@Suite struct FileWriterTests {
    /// A fresh folder, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    static func mode(_ path: String) -> UInt32 {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt32(info.st_mode) : 0
    }

    @Test func createExclusiveMakesAnOwnerOnlyFileAndRefusesATakenName() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a").path
        let file = try CheckedFile.createExclusive(atPath: path)
        try file.write("one\n")
        try file.synchronize()
        try file.close()
        #expect(Self.mode(path) & 0o777 == 0o600)
        #expect(file.bytesWritten == 4)
        #expect(throws: FileWriteError.self) { try CheckedFile.createExclusive(atPath: path) }
        do {
            _ = try CheckedFile.createExclusive(atPath: path)
        } catch let error as FileWriteError {
            #expect(error.errorNumber == EEXIST && error.kind == .open)
        }
        // A dangling symbolic link is not followed either.
        let link = folder.appendingPathComponent("link").path
        #expect(symlink(folder.appendingPathComponent("elsewhere").path, link) == 0)
        #expect(throws: FileWriteError.self) { try CheckedFile.createExclusive(atPath: link) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("elsewhere").path))
    }

    @Test func aFullDiskIsAnErrorNotASilentLoss() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let file = CheckedFile.borrowing(descriptor: descriptor, name: "/dev/full")
        do {
            try file.write(Data(repeating: 65, count: 100))
            Issue.record("a write to /dev/full succeeded")
        } catch let error as FileWriteError {
            #expect(error.errorNumber == ENOSPC && error.kind == .write)
            #expect(error.description == "cannot write /dev/full: No space left on device")
        }
    }

    @Test func appendingAddsToTheEnd() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("journal").path
        for line in ["a\n", "b\n"] {
            let file = try CheckedFile.openAppending(atPath: path)
            try file.write(line)
            try file.synchronize()
            try file.close()
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\nb\n")
    }

    @Test func theDestinationIsReplacedOnlyAtCommit() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("out.csv")
        try Data("old".utf8).write(to: destination)
        let writer = try AtomicFileWriter(destination: destination.path)
        #expect(URL(fileURLWithPath: writer.temporaryPath).deletingLastPathComponent().path == folder.path)
        #expect(writer.temporaryPath.hasSuffix(".partial"))
        #expect(Self.mode(writer.temporaryPath) & 0o777 == 0o600)
        try writer.write(Data("new\n".utf8))
        #expect(try String(contentsOf: destination, encoding: .utf8) == "old")
        try writer.commit()
        #expect(try String(contentsOf: destination, encoding: .utf8) == "new\n")
        #expect(try Self.names(in: folder) == ["out.csv"])
    }

    @Test func abandoningKeepsOrRemovesTheTemporaryFileAndNeverTouchesTheDestination() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("out.jsonl")
        try Data("old".utf8).write(to: destination)
        let kept = try AtomicFileWriter(destination: destination.path)
        try kept.write(Data("partial\n".utf8))
        kept.abandon(keepingTemporaryFile: true)
        #expect(try String(contentsOfFile: kept.temporaryPath, encoding: .utf8) == "partial\n")
        let dropped = try AtomicFileWriter(destination: destination.path)
        try dropped.write(Data("x".utf8))
        dropped.abandon(keepingTemporaryFile: false)
        #expect(!FileManager.default.fileExists(atPath: dropped.temporaryPath))
        #expect(try String(contentsOf: destination, encoding: .utf8) == "old")
    }

    /// A Unix domain socket bound at `path`; the caller closes the descriptor.
    static func bindSocket(at path: String) -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return bound == 0 ? descriptor : -1
    }

    @Test func directoriesDevicesFIFOsAndSocketsAreRefusedSymbolicLinksReplaced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let socketPath = folder.appendingPathComponent("sock").path
        let descriptor = Self.bindSocket(at: socketPath)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        for (path, kind) in [
            (folder.path, "directory"), ("/dev/null", "device"), (fifo, "FIFO"), (socketPath, "socket"),
            (folder.path + "/new/", "folder"), ("", "folder"),
        ] {
            do {
                let writer = try AtomicFileWriter(destination: path)
                writer.abandon(keepingTemporaryFile: false)
                Issue.record("\(path) was accepted")
            } catch let error as FileWriteError {
                #expect(error.kind == .unsuitableDestination)
                #expect(error.description.contains(kind))
            }
        }
        let target = folder.appendingPathComponent("target")
        try Data("target".utf8).write(to: target)
        let link = folder.appendingPathComponent("link").path
        #expect(symlink(target.path, link) == 0)
        let writer = try AtomicFileWriter(destination: link)
        try writer.write(Data("export".utf8))
        try writer.commit()
        #expect(try String(contentsOf: target, encoding: .utf8) == "target")
        #expect(Self.mode(link) & UInt32(S_IFMT) == UInt32(S_IFREG))
        #expect(try String(contentsOfFile: link, encoding: .utf8) == "export")
        #expect(try Self.names(in: folder) == ["fifo", "link", "sock", "target"])
    }

    @Test func twoWritersToOnePathNeverShareAFileAndTheLastCommitWinsWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("roster.jsonl").path
        let first = try AtomicFileWriter(destination: destination)
        let second = try AtomicFileWriter(destination: destination)
        #expect(first.temporaryPath != second.temporaryPath)
        try first.write(Data(String(repeating: "first\n", count: 1000).utf8))
        try second.write(Data(String(repeating: "second\n", count: 1000).utf8))
        try first.commit()
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == String(repeating: "first\n", count: 1000))
        try second.commit()
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == String(repeating: "second\n", count: 1000))
        #expect(try Self.names(in: folder) == ["roster.jsonl"])
    }

    @Test func aDestinationThatBecomesADirectoryBeforeCommitIsNotReplaced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("late")
        let writer = try AtomicFileWriter(destination: destination.path)
        try writer.write(Data("x".utf8))
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        #expect(throws: FileWriteError.self) { try writer.commit() }
        #expect(try Self.names(in: folder) == ["late"], "the temporary file is removed, the directory kept")
    }
}
