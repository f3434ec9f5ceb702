namespace Bastion.Cli;

/// <summary>One finding of <c>bastion doctor</c>.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Status">ok, warn or fail.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">How to fix it; null when nothing needs fixing.</param>
internal sealed record DoctorCheck(string Name, string Status, string Detail, string? Fix);
