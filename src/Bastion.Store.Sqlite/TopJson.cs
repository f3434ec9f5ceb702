using Bastion.Core.History;

namespace Bastion.Store.Sqlite;

/// <summary>How a tick's top processes are kept: one JSON document per host and tick.</summary>
internal sealed record TopJson(IReadOnlyList<ProcessSample> Cpu, IReadOnlyList<ProcessSample> Rss);
