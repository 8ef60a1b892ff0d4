package io.kclient.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;
import tools.jackson.databind.json.JsonMapper;

class HardenedJsonMapperTests {

    @Test
    void jacksonsSharedDequeOfBuffersBecomesOnePerThreadInKClientsCopyOnly() {
        JsonMapper application = JsonMapper.builder().build();

        JsonMapper copy = HardenedJsonMapper.of(application);

        assertThat(copy.tokenStreamFactory()._getRecyclerPool()).isInstanceOf(JsonRecyclerPools.ThreadLocalPool.class);
        assertThat(application.tokenStreamFactory()._getRecyclerPool()).as("the application's mapper is left as it is")
                .isInstanceOf(JsonRecyclerPools.ConcurrentDequePool.class);
        assertThat(copy.writeValueAsString(new PayloadConvertersTests.Dog("d1", "Rex", 3))).isEqualTo("{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");
    }

    @Test
    void aPoolTheApplicationChoseIsKept() {
        RecyclerPool<BufferRecycler> chosen = JsonRecyclerPools.newBoundedPool(8);
        JsonMapper application = JsonMapper.builder(JsonFactory.builder().recyclerPool(chosen).build()).build();

        assertThat(HardenedJsonMapper.of(application).tokenStreamFactory()._getRecyclerPool()).isSameAs(chosen);
    }

    @Test
    void oneCopyPerApplicationMapperSoItsCachedSerializersAreBuiltOnce() {
        JsonMapper application = JsonMapper.builder().build();
        JsonMapper another = JsonMapper.builder().build();

        assertThat(HardenedJsonMapper.of(application)).as("a KClient, its publisher and its RPC client share it")
                .isSameAs(HardenedJsonMapper.of(application));
        assertThat(HardenedJsonMapper.of(another)).isNotSameAs(HardenedJsonMapper.of(application));
    }
}
