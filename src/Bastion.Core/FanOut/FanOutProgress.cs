namespace Bastion.Core.FanOut;

/// <summary>Reported each time a host finishes.</summary>
/// <param name="Done">Hosts finished so far.</param>
/// <param name="Total">Hosts in the call.</param>
/// <param name="Host">The host that just finished.</param>
/// <param name="Status">How it finished.</param>
/// <param name="Seconds">How long it took.</param>
public sealed record FanOutProgress(int Done, int Total, string Host, HostStatus Status, double Seconds);
