using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.", Scope = "namespaceanddescendants", Target = "~N:Bastion.Providers.Cloudways")]
