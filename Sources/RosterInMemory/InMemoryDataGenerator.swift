public import RosterHTTP

/// Fills an `InMemoryStore` with realistic, deterministic data: the same seed gives the same people,
/// courses and statuses on every machine. Names carry letters from several countries (Norwegian,
/// German, French, Spanish, Polish, Czech, Turkish, Icelandic, Vietnamese); every documented status and
/// role occurs once a course has at least a dozen enrollments.
public struct InMemoryDataGenerator: Sendable {
    /// The seed.
    public let seed: UInt64

    /// Creates a generator.
    public init(seed: UInt64) { self.seed = seed }

    /// Adds `courses` courses with `enrollmentsPerCourse` enrollments each (one new person each).
    public func populate(_ store: InMemoryStore, courses: Int, enrollmentsPerCourse: Int) {
        var random = SeededGenerator(seed: seed)
        let titleOffset = Int(random.next() % UInt64(Self.courseTitles.count))
        for c in 0..<courses {
            let title = Self.courseTitles[(c + titleOffset) % Self.courseTitles.count]
            let course = InMemoryCourse(
                id: "course-\(c + 1)", title: courses > Self.courseTitles.count ? "\(title) \(c + 1)" : title)
            store.addCourse(course)
            for e in 0..<enrollmentsPerCourse {
                store.insert(draft(course: course, index: c * enrollmentsPerCourse + e, position: e, random: &random))
            }
        }
    }

    /// Inserts a new person's enrollment in `course` (status `enrolled`, role learner), as a vendor would
    /// when someone joins during a listing. Its id sorts after every existing one.
    @discardableResult
    public func insertNewLearner(in course: InMemoryCourse, into store: InMemoryStore) -> InMemoryRecord {
        let person = 1_000_000 + (store.enrollments.last.flatMap { Int($0.id) } ?? 0)
        var random = SeededGenerator(seed: seed ^ UInt64(person))
        var fresh = draft(course: course, index: person, position: 0, random: &random)
        fresh.status = "enrolled"
        fresh.role = "learner"
        fresh.completionRate = 0
        return store.insert(fresh)
    }

    /// A new learner enrollment in `course`: person number `index`, status and progress chosen from
    /// `position` so that every status and role occurs in each course.
    public func draft(course: InMemoryCourse, index: Int, position: Int, random: inout SeededGenerator)
        -> InMemoryRecord.Draft
    {
        let first = Self.firstNames[Int(random.next() % UInt64(Self.firstNames.count))]
        let last = Self.lastNames[Int(random.next() % UInt64(Self.lastNames.count))]
        let organization = Self.organizations[Int(random.next() % UInt64(Self.organizations.count))]
        let status = InMemoryAPI.statusCodes[position % InMemoryAPI.statusCodes.count]
        let role = position % 12 == 11 ? "owner" : position % 12 == 10 ? "manager" : "learner"
        let progress: Int? =
            switch status {
            case "in_progress": Int(1 + random.next() % 99)
            case "completed": 100
            case "enrolled": 0
            default: nil
            }
        let username = "\(first.ascii).\(last.ascii)\(index + 1)"
        let learner = InMemoryLearner(
            id: "u-\(index + 1)", email: "\(username)@\(organization.domain)", firstName: first.name,
            lastName: last.name, username: username, externalID: "HR-\(10_000 + index + 1)",
            organizationID: organization.id,
            organizationName: organization.name)
        return InMemoryRecord.Draft(
            courseID: course.id, courseTitle: course.title, status: status, role: role, learner: learner,
            completionRate: progress, passed: status == "completed" ? random.next() % 5 != 0 : nil,
            paid: status == "pending" ? false : random.next() % 3 != 0)
    }

    /// A name as shown, and its ASCII form for usernames and e-mail addresses.
    struct Name: Sendable {
        let name: String
        let ascii: String
        init(_ name: String, _ ascii: String) {
            self.name = name
            self.ascii = ascii
        }
    }

    static let firstNames: [Name] = [
        Name("Åse", "ase"), Name("Bjørn", "bjorn"), Name("Solveig", "solveig"), Name("Jürgen", "juergen"),
        Name("Zoë", "zoe"), Name("Éloïse", "eloise"), Name("José", "jose"), Name("Begoña", "begona"),
        Name("Łukasz", "lukasz"), Name("Zofia", "zofia"), Name("Tomáš", "tomas"), Name("Şule", "sule"),
        Name("Çağrı", "cagri"), Name("Þórunn", "thorunn"), Name("Nguyễn Thị", "thi"), Name("Mateus", "mateus"),
        Name("Ingrid", "ingrid"), Name("Håkon", "hakon"),
    ]

    static let lastNames: [Name] = [
        Name("Øvrebø", "ovrebo"), Name("Ødegård", "odegard"), Name("Müller", "mueller"), Name("Groß", "gross"),
        Name("Lefèvre", "lefevre"), Name("Hernández", "hernandez"), Name("Muñoz", "munoz"),
        Name("Wiśniewska", "wisniewska"), Name("Dvořák", "dvorak"), Name("Yılmaz", "yilmaz"),
        Name("Sigurðardóttir", "sigurdardottir"), Name("Trần", "tran"), Name("Gonçalves", "goncalves"),
        Name("Larsen", "larsen"), Name("Brekke", "brekke"),
    ]

    static let organizations: [(id: String, name: String, domain: String)] = [
        ("org-1", "Nordlys Helse AS", "nordlys.example.no"), ("org-2", "Bäckerei Groß GmbH", "baeckerei.example.de"),
        ("org-3", "Café Lumière SARL", "lumiere.example.fr"), ("org-4", "Construcciones Peña SL", "pena.example.es"),
        ("org-5", "Kraków Logistyka", "logistyka.example.pl"),
    ]

    static let courseTitles = [
        "Førstehjelp grunnkurs", "Arbeidsmiljø for ledere", "Datenschutz kompakt", "Sécurité incendie",
        "Prevención de riesgos laborales", "Bezpieczeństwo pracy", "Excel für Fortgeschrittene",
    ]
}
