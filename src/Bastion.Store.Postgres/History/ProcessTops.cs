using Bastion.Core.History;

namespace Bastion.Store.Postgres.History;

/// <summary>A tick's top processes as <c>history_processes.top</c> keeps them: one JSON document per host and tick.</summary>
internal sealed record ProcessTops(IReadOnlyList<ProcessSample> Cpu, IReadOnlyList<ProcessSample> Rss);
