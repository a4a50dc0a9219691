/// The version of this Roster release: what `roster --version` prints, what the CHANGELOG's newest
/// entry and the README name, and the git tag the release step in CONTRIBUTING.md creates. A test
/// keeps the four in agreement.
public enum RosterVersion {
    /// The semantic version of this release, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
