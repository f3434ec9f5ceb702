using Bastion.Core;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>
/// Per-choice argument checks of the tools whose <c>resource</c> or <c>action</c> decides which parameters apply: a clear
/// error naming the choice, the parameter and which choices take it, instead of a parameter silently ignored.
/// </summary>
internal static class AlpaconArgs
{
    /// <summary>Refuses <paramref name="name"/> when it was given (not null) but <paramref name="choice"/> does not take it.</summary>
    /// <param name="value">The argument; null when not given.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="choice">The choice made, e.g. <c>resource 'servers'</c>.</param>
    /// <param name="takers">The choices that take the parameter, e.g. <c>events</c>.</param>
    /// <exception cref="BastionException">The parameter was given.</exception>
    public static void Unused(object? value, string name, string choice, string takers)
    {
        if (value is not null)
        {
            throw new BastionException($"{choice} does not take {name}; only {takers} take it. Leave it out.");
        }
    }

    /// <summary><paramref name="value"/>, or an error saying <paramref name="choice"/> needs <paramref name="name"/>.</summary>
    /// <exception cref="BastionException">The argument is missing or blank.</exception>
    public static T Need<T>(T? value, string name, string choice, string accepted)
        where T : class =>
        value is null || (value is string text && string.IsNullOrWhiteSpace(text))
            ? throw new BastionException($"{choice} needs {name}: {accepted}.")
            : value;

    /// <summary><paramref name="value"/>, or an error saying <paramref name="choice"/> needs <paramref name="name"/>.</summary>
    /// <exception cref="BastionException">The argument is missing.</exception>
    public static T Need<T>(T? value, string name, string choice, string accepted)
        where T : struct =>
        value ?? throw new BastionException($"{choice} needs {name}: {accepted}.");
}
