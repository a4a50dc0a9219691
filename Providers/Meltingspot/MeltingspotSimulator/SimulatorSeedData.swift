import Foundation
import RosterHTTP

/// Deterministic, realistic Spot content from a seed: French course titles, members with accented
/// names, and participants spread over the four documented statuses with consistent timestamps.
struct SimulatorSeedData {
    var random: SeededGenerator
    let now: Date

    static let firstNames = [
        "Zoé", "Hélène", "François", "Loïc", "Gaëlle", "Bérénice", "Noël", "Jérôme", "Anaïs", "Cécile", "Étienne",
        "Maël", "Inès", "Léa", "Raphaël", "Chloé", "Aurélien", "Séverine", "Benoît", "Joël", "Margaux", "Thaïs",
        "Océane", "Mathéo",
    ]
    static let lastNames = [
        "Lefèvre", "Dubois", "Ménard", "Gauthier", "Béranger", "Crépin", "Lemaître", "Fournier", "Chevrier",
        "Bézier", "Rousseau", "Lefébure", "Deschênes", "Garnier", "Pâris", "Mercier", "Noël", "Faure", "Brûlé",
        "Lacôte",
    ]
    static let courseTitles = [
        "Initiation à la photographie", "Prise de parole en public", "Bien démarrer sur le Spot",
        "Gestion de projet agile", "Écrire pour le web", "Animer une communauté", "Découverte de l'œnologie",
        "Sécurité numérique au quotidien", "Créer sa première formation", "Négociation commerciale",
    ]
    static let domains = ["exemple.fr", "courriel.fr", "societe.example", "mail.example.org"]

    init(seed: UInt64, now: Date) {
        random = SeededGenerator(seed: seed)
        self.now = now
    }

    mutating func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    mutating func chance(_ p: Double) -> Bool { Double(random.next() % 10_000) / 10_000 < p }
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    /// A UUID-shaped id (ids are opaque strings; member ids are documented as UUIDs): the 32 hex
    /// digits of two random words, version nibble 4 and variant nibble `a`, written without
    /// `String(format:)` so that a million of them take a fraction of a second.
    mutating func uuid() -> String {
        let words = [random.next(), random.next()]
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for word in words {
            for shift in stride(from: 60, through: 0, by: -4) { hex.append(digits[Int((word >> UInt64(shift)) & 0xF)]) }
        }
        hex[12] = UInt8(ascii: "4")
        hex[16] = UInt8(ascii: "a")
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, digit) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }

    mutating func course(index: Int) -> SpotCourse {
        let title = Self.courseTitles[index % Self.courseTitles.count]
        return SpotCourse(
            id: uuid(),
            title: index < Self.courseTitles.count ? title : "\(title) (\(index / Self.courseTitles.count + 1))",
            description: "Un parcours « \(title) » à suivre à votre rythme.",
            privacy: pick(["Public", "Private", "Secret"]),
            status: pick(["Published", "Published", "Draft"]), navigationMode: pick(["Flexible", "Linear"]))
    }

    /// A member; `serial` keeps e-mail addresses unique.
    mutating func member(spotId: String, serial: Int) -> SpotMember {
        let first = pick(Self.firstNames)
        let last = pick(Self.lastNames)
        let email = "\(Self.ascii(first)).\(Self.ascii(last)).\(serial)@\(pick(Self.domains))"
        return member(spotId: spotId, email: email, firstname: first, lastname: last)
    }

    mutating func member(spotId: String, email: String, firstname: String?, lastname: String?) -> SpotMember {
        let updated = now.addingTimeInterval(-Double(integer(in: 3_600...8_000_000)))
        let registered = firstname != nil
        return SpotMember(
            id: uuid(), spotId: spotId, userId: registered ? uuid() : nil, email: email,
            title: registered && chance(0.3)
                ? pick(["Cheffe de projet", "Formateur", "Consultante", "Chargé de mission"]) : nil,
            lang: pick(["fr", "fr", "fr", "en", "de"]), role: chance(0.05) ? "Admin" : "Member",
            status: registered ? "Accepted" : "Invited", firstname: firstname, lastname: lastname,
            updatedAtMs: Int64(updated.timeIntervalSince1970 * 1000),
            lastActivityAtMs: registered ? Int64(updated.addingTimeInterval(1_800).timeIntervalSince1970 * 1000) : nil)
    }

    /// A participant of `member` in `course`, in a random documented status with matching dates.
    mutating func participant(course: String, member: SpotMember) -> SpotParticipant {
        let invited = now.addingTimeInterval(-Double(integer(in: 86_400...20_000_000)))
        var p = SpotParticipant(
            id: uuid(), courseId: course, spotMemberId: member.id, status: "Invited", invitedAt: invited,
            completionRate: 0, nameShape: member.firstname == nil ? .null : (chance(0.05) ? .emptyObject : .strings),
            millisecondTimestamps: chance(0.5))
        let roll = integer(in: 0...99)
        if roll >= 35 {
            p.status = "Started"
            p.startedAt = invited.addingTimeInterval(Double(integer(in: 600...600_000)))
            p.completionRate = integer(in: 1...99)
            p.lastActivityAt = p.startedAt!.addingTimeInterval(Double(integer(in: 60...300_000)))
        }
        if roll >= 75 {
            p.status = "Completed"
            p.completionRate = 100
            p.completedAt = p.lastActivityAt!.addingTimeInterval(Double(integer(in: 60...86_400)))
            p.lastActivityAt = p.completedAt
        }
        if roll >= 92 {
            p.status = "Unenrolled"
            p.completionRate = integer(in: 0...60)
            p.completedAt = nil
            p.unenrolledAt = p.lastActivityAt
        }
        return p
    }

    /// The generated names folded once (folding with a locale is slow, and names repeat).
    private static let foldedNames: [String: String] = Dictionary(
        (firstNames + lastNames).map { ($0, fold($0)) }, uniquingKeysWith: { first, _ in first })

    /// `text` folded to lowercase ASCII for an e-mail local part ("Hélène" → "helene").
    static func ascii(_ text: String) -> String { foldedNames[text] ?? fold(text) }

    private static func fold(_ text: String) -> String {
        let folded = text.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        return String(
            folded.lowercased().unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) })
    }
}
