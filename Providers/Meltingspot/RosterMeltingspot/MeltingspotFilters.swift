import Foundation
import RosterCore

/// Meltingspot's "LHS bracket" filters: `field[op]=value`, with `in` lists comma-separated (the
/// guide's form). The participant listing filters on the server by status (`status[eq]` for one value,
/// `status[in]` for several). E-mail (`email[in]`) only narrows: the docs do not say whether the
/// vendor compares addresses case-insensitively, so each address is sent as given and lower-cased and
/// the facade still applies Roster's case-insensitive match. Given and family names (`firstname[in]`,
/// `lastname[in]`) narrow the same way: Roster matches them exactly, the docs give the vendor's rule
/// for neither case nor accents, so each name goes out in its composed and decomposed Unicode forms
/// and the facade checks the answer exactly. Every other neutral filter is applied locally by the
/// facade, which reports it.
enum MeltingspotFilters {
    /// The neutral filters the participant listing applies exactly on the server (the course is the path).
    static let serverSide: Set<EnrollmentFilter> = [.status]
    /// The neutral filters the server narrows by and the facade then applies exactly.
    static let narrowing: Set<EnrollmentFilter> = [.email, .firstName, .lastName]
    /// Filters no Meltingspot participant can satisfy: it has no sessions, no organization and no
    /// creation or update time (only invited/started/completed/unenrolled/last-activity times).
    static let unavailable: Set<EnrollmentFilter> = [
        .session, .organization, .updatedSince, .updatedBefore, .createdSince, .createdBefore,
    ]

    /// The filter query items for `query`, or nil when no record can match (only statuses Meltingspot
    /// never holds, or only implausible addresses, were asked for), so no request needs to be sent.
    static func participantQueryItems(for query: EnrollmentQuery) -> [MeltingspotQueryItem]? {
        var items: [MeltingspotQueryItem] = []
        if !query.statuses.isEmpty {
            let raws = listable(query.statuses.compactMap(MeltingspotStatusMapping.raw(for:)))
            switch raws.count {
            case 0: return nil
            case 1: items.append(MeltingspotQueryItem("status[eq]", raws[0]))
            default: items.append(MeltingspotQueryItem("status[in]", list: raws))
            }
        }
        if !query.emails.isEmpty {
            let plausible = query.emails.filter(EmailAddress.isPlausible)
            let emails = listable(plausible + plausible.map { $0.lowercased() })
            if emails.isEmpty { return nil }
            items.append(MeltingspotQueryItem("email[in]", list: emails))
        }
        if let names = nameList(query.firstNames) { items.append(MeltingspotQueryItem("firstname[in]", list: names)) }
        if let names = nameList(query.lastNames) { items.append(MeltingspotQueryItem("lastname[in]", list: names)) }
        return items
    }

    /// The `[in]` list for a name filter: every name as given and in its composed (NFC) and
    /// decomposed (NFD) forms, which Swift compares as equal but a server may not. Nil (send no
    /// server filter, the facade filters alone) when the set is empty or a name holds a comma, which a
    /// comma-separated list cannot carry: leaving it out would make the server drop that person.
    static func nameList(_ names: Set<String>) -> [String]? {
        guard !names.isEmpty, !names.contains(where: { $0.contains(",") || $0.isEmpty }) else { return nil }
        // Deduplicated by bytes: Swift's String equality would fold the two forms back into one.
        var forms: [[UInt8]: String] = [:]
        for name in names {
            for form in [name, name.precomposedStringWithCanonicalMapping, name.decomposedStringWithCanonicalMapping] {
                forms[Array(form.utf8)] = form
            }
        }
        return forms.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { forms[$0]! }
    }

    /// The values that can be written in a comma-separated list (none containing a comma), sorted so
    /// the same query always gives the same URL.
    static func listable(_ values: some Sequence<String>) -> [String] {
        Set(values.filter { !$0.contains(",") && !$0.isEmpty }).sorted()
    }
}
