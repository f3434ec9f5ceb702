namespace Bastion.Core.Policy;

/// <summary>One entry of the secret-path catalogue: a pattern and whether a path it matches is secret or harmless.</summary>
/// <param name="Pattern">A glob: '*' any run of characters (slashes included), '?' one character, matched without regard to
/// case; in <c>/proc</c> paths a process or thread id (or <c>self</c>, <c>thread-self</c>) reads as <c>&lt;pid&gt;</c>.</param>
/// <param name="Secret">True: a path it matches is refused. False: a harmless exception (first match wins).</param>
/// <param name="Kind">What the path holds, for messages, e.g. "password hashes".</param>
public sealed record SecretRule(string Pattern, bool Secret, string Kind);
