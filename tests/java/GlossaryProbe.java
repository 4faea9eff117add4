// Loads a glossary with OmegaT's own readers and prints what OmegaT makes of it.
//
//     java -cp /usr/share/omegat/OmegaT.jar GlossaryProbe.java tbx|tsv FILE SOURCE-LANG TARGET-LANG
//
// prints one line per entry: source term, target term and comment, tab-separated, with tabs,
// line breaks and backslashes inside a field written as \t, \n and \\. The TBX reader picks
// the language sections by the project's languages, so a stand-in project that has only
// properties (the two languages) is set first.
import java.io.File;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;
import org.omegat.util.Language;

public class GlossaryProbe {
    public static void main(String[] arguments) throws Exception {
        String kind = arguments[0];
        File file = new File(arguments[1]);
        ProjectProperties properties = new ProjectProperties(file.getAbsoluteFile().getParentFile());
        properties.setSourceLanguage(new Language(arguments[2]));
        properties.setTargetLanguage(new Language(arguments[3]));
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() {
                return properties;
            }

            @Override
            public boolean isProjectLoaded() {
                return true;
            }
        });
        List<GlossaryEntry> entries = kind.equals("tbx")
            ? GlossaryReaderTBX.read(file, false)
            : GlossaryReaderTSV.read(file, false);
        StringBuilder out = new StringBuilder();
        for (GlossaryEntry entry : entries) {
            out.append(field(entry.getSrcText())).append('\t')
               .append(field(entry.getLocText())).append('\t')
               .append(field(entry.getCommentText())).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String field(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "").replace("\n", "\\n");
    }
}
