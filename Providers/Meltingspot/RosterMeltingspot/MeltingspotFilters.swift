import RosterCore

/// Meltingspot's "LHS bracket" filters: `field[op]=value`, with `in` lists comma-separated (the
/// guide's form). The participant listing filters on the server by status (`status[eq]` for one value,
/// `status[in]` for several). E-mail (`email[in]`) only narrows: the docs do not say whether the
/// vendor compares addresses case-insensitively, so each address is sent as given and lower-cased and
/// the facade still applies Roster's case-insensitive match. Every other neutral filter is applied
/// locally by the facade, which reports it.
enum MeltingspotFilters {
    /// The neutral filters the participant listing applies exactly on the server (the course is the path).
    static let serverSide: Set<EnrollmentFilter> = [.status]
    /// The neutral filters the server narrows by and the facade then applies exactly.
    static let narrowing: Set<EnrollmentFilter> = [.email]
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
        return items
    }

    /// The values that can be written in a comma-separated list (none containing a comma), sorted so
    /// the same query always gives the same URL.
    static func listable(_ values: some Sequence<String>) -> [String] {
        Set(values.filter { !$0.contains(",") && !$0.isEmpty }).sorted()
    }
}
