package cz.proklik.erp.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marker rule over the Helios scripts as shipped: each batch of a script is what SQL Server stores as that
 * view's definition (comments included), so splitting on GO gives exactly what {@code db check} reads there.
 */
class PlaceholderMarkersTest {
    private static String batch(String script, String view) throws IOException {
        String text = Files.readString(Path.of("..", "sql", script, "adapter-views.sql"), StandardCharsets.UTF_8);
        return Arrays.stream(text.split("(?m)^GO\\s*$")).filter(b -> b.contains("VIEW " + view + " AS"))
                .findFirst().orElseThrow();
    }

    @Test
    void orangeContactViewNamesItsUnmappedColumns() throws IOException {
        PlaceholderMarkers m = PlaceholderMarkers.find(batch("helios-orange", "pkl_erp_contact"),
                AdapterView.CONTACT.columns());
        assertThat(m.columnsIn(AdapterView.CONTACT.columns())).containsExactly("language_code", "region", "birthday");
        // email_consent's marker sits on a continuation line, the organisation choice on the OUTER APPLY.
        assertThat(m.otherMarkers()).isEqualTo(2);
    }

    @Test
    void theExplanationBeforeCreateIsNotCountedAsAMarker() throws IOException {
        String organisation = batch("helios-orange", "pkl_erp_organisation");
        assertThat(organisation).contains("[placeholder] no public source"); // the header's legend
        PlaceholderMarkers m = PlaceholderMarkers.find(organisation, AdapterView.ORGANISATION.columns());
        assertThat(m.columnsIn(AdapterView.ORGANISATION.columns())).containsExactly("region");
        assertThat(m.otherMarkers()).isEqualTo(1); // "a customer category may fit better"
    }

    @Test
    void greenMarkersAreFoundWhateverTheirCase() throws IOException {
        PlaceholderMarkers m = PlaceholderMarkers.find(batch("helios-green", "pkl_erp_product"),
                AdapterView.PRODUCT.columns());
        assertThat(m.columnsIn(AdapterView.PRODUCT.columns())).containsExactly("product_group", "price", "image_url");
    }

    @Test
    void aMappedViewHasNoMarkers() {
        PlaceholderMarkers m = PlaceholderMarkers.find("CREATE VIEW pkl_erp_product AS\nSELECT z.ID AS product_id, "
                + "-- [confirmed]\n z.Nazev AS name\nFROM dbo.TabKmenZbozi z", List.of("product_id", "name"));
        assertThat(m.any()).isFalse();
        assertThat(PlaceholderMarkers.find(null, List.of("x")).any()).isFalse();
    }
}
