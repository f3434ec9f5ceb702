using Bastion.Core.Inventory;

namespace Bastion.Core.History;

/// <summary>
/// A place a host's past figures can be read from: Bastion's own store (<see cref="CollectorHistorySource"/>), sysstat
/// data on the host (<c>sadf -j</c>), or a hosting platform's own history (Alpacon metrics, Cloudways monitoring,
/// CloudStack VM metrics). <see cref="HistoryReader"/> asks Bastion's store first, then each other source that serves the
/// host for the parts of the window still uncovered. A source reads only; it names the series it gives with the same
/// series names and units as the collector (<see cref="HistoryMetrics"/>) and leaves out what it does not have.
/// </summary>
public interface IHistorySource
{
    /// <summary>The source's name, given with every series it returns: <c>bastion-collector</c>, <c>sysstat</c>,
    /// <c>alpacon</c>, <c>cloudways</c>, <c>cloudstack</c>.</summary>
    string Name { get; }

    /// <summary>True when the source may hold history of <paramref name="host"/> (by kind or platform labels); no I/O.</summary>
    bool Serves(Host host);

    /// <summary>The series of <paramref name="host"/> that match <paramref name="query"/>, each averaged over the query's step.</summary>
    /// <returns>The series and the stretches of time they cover; a note when the source has nothing (and why).</returns>
    /// <exception cref="BastionException">The source could not be read (host unreachable, platform error); the reader
    /// turns it into a note and goes on with the next source.</exception>
    Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken);
}
