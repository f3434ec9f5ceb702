namespace Bastion.Providers;

/// <summary>One look at a long platform operation (an async job, a Cloudways operation).</summary>
/// <param name="Done">True when the operation has finished, well or badly.</param>
/// <param name="Result">What it produced, once done.</param>
/// <param name="Status">Where it stands, in a few words, for progress notifications (e.g. "job 9f1e… in progress").</param>
public sealed record PollState<T>(bool Done, T? Result, string Status);
