namespace Bastion.Core.Policy;

/// <summary>A command to judge: exactly one of a shell line or an argv, and where and how it would run.</summary>
/// <param name="Line">A shell line as the model sent it; null when <paramref name="Argv"/> is given.</param>
/// <param name="Argv">Program and arguments; null when <paramref name="Line"/> is given.</param>
/// <param name="HostGroups">The inventory groups of the host it would run on (a rule applies when its groups meet these).</param>
/// <param name="Mode">The mode Bastion runs in.</param>
/// <param name="MaySudo">True when the caller holds the commands:sudo scope.</param>
/// <param name="WorkingDirectory">The absolute directory the command runs in (commands_run's cwd); null for the user's home,
/// which the policy cannot know. Denies and path rules judge paths resolved against it; a relative one is refused.</param>
public sealed record CommandCheck(string? Line, IReadOnlyList<string>? Argv, IReadOnlyList<string> HostGroups, Mode Mode, bool MaySudo, string? WorkingDirectory = null);
