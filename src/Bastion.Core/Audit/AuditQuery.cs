namespace Bastion.Core.Audit;

/// <summary>
/// A search of the audit log. Every given criterion must hold: <see cref="Tool"/>, <see cref="Principal"/> and
/// <see cref="Decision"/> match exactly (ignoring case); <see cref="Since"/> is inclusive and <see cref="Until"/>
/// exclusive; <see cref="Text"/> is found (ignoring case) in any text of the entry, its arguments included.
/// </summary>
public sealed record AuditQuery(
    string? Tool,
    string? Principal,
    string? Decision,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    string? Text,
    int Limit);
