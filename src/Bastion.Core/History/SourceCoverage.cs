using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>What one history source gave for one host.</summary>
public sealed record SourceCoverage(
    [property: Description("bastion-collector (Bastion's store), sysstat (sar data on the host, read with sadf -j), alpacon, cloudways or cloudstack (the platform's own history).")] string Source,
    [property: Description("Start of the part of the window this source was asked for, UTC; the parts of the window a source before it covered are not asked again.")] DateTimeOffset? AskedFrom,
    [property: Description("End of that part, UTC.")] DateTimeOffset? AskedTo,
    [property: Description("Stretches this source has samples for in the window, at most 20.")] IReadOnlyList<HistorySpan> Covered,
    [property: Description("Series it gave.")] int Series,
    [property: Description("Why it gave nothing or less (not installed, no data files, platform error); null when all went well.")] string? Note);
