using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Network;

/// <summary>Listening sockets of a host.</summary>
public sealed record SocketList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Tool that was read: ss or netstat.")] string? Source,
    [property: Description("Listening TCP and bound UDP sockets.")] int Total,
    [property: Description("Sockets by port, at most limit.")] IReadOnlyList<ListeningSocket> Sockets,
    [property: Description("True when more sockets exist than were returned.")] bool Truncated,
    [property: Description("What is missing and why, in words (e.g. process names need root); null when nothing is.")] string? Note);
