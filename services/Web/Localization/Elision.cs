using System.Globalization;

namespace Marketplace.Web.Localization;

/// <summary>
/// French elides "de" before a vowel or a mute h: "les produits d'Épicerie des Terreaux", "relevé d'avril", but "les
/// produits de Boulangerie Bruno". A text whose resource says "de {0}" is formatted through here, so the name put in
/// decides; English (and any name that does not start with a vowel or h) is left as formatted.
/// </summary>
public static class Elision
{
    /// <summary><see cref="string.Format(IFormatProvider, string, object[])"/>, then "de X" → "d'X" for each text argument X that calls for it in French.</summary>
    public static string Format(CultureInfo culture, string format, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var text = string.Format(culture, format, args);
        if (culture.TwoLetterISOLanguageName != "fr")
        {
            return text;
        }

        foreach (var name in args.OfType<string>().Where(Elides).Distinct(StringComparer.Ordinal))
        {
            text = text.Replace("de " + name, "d'" + name, StringComparison.Ordinal)
                .Replace("De " + name, "D'" + name, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>"de" + this name elides: it starts with a vowel (accented or not) or an h.</summary>
    public static bool Elides(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.TrimStart();
        if (trimmed.Length == 0)
        {
            return false;
        }

        // Strip accents: É → E, Î → I, Œ stays Œ (handled below).
        var letters = trimmed.Normalize(System.Text.NormalizationForm.FormD).ToLowerInvariant();
        return letters[0] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' or 'h' or 'œ' or 'æ' => true,
            // A y sounds as a vowel before a consonant (d'Yves, d'Yvonne), as a consonant before a vowel (de Yannick).
            'y' => letters.Length > 1 && char.IsLetter(letters[1]) && letters[1] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y'),
            _ => false,
        };
    }
}
