package io.coursegen.storage.export;

import io.coursegen.storage.media.S3Properties;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;

/** Picture bytes from the media bucket, where image-service stored them under their object keys. */
@Component
class S3Pictures implements PictureSource {

    private final MinioClient minio;
    private final String bucket;

    S3Pictures(MinioClient minio, S3Properties properties) {
        this.minio = minio;
        this.bucket = properties.bucket();
    }

    @Override
    public void checkReadable(List<ExportedCourse.Picture> pictures) throws IOException {
        for (String objectKey : pictures.stream().map(ExportedCourse.Picture::objectKey).distinct().toList()) {
            try {
                minio.statObject(StatObjectArgs.builder().bucket(bucket).object(objectKey).build());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("Cannot read " + objectKey + " from bucket " + bucket + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public byte[] bytes(ExportedCourse.Picture picture) throws IOException {
        try (GetObjectResponse object = minio.getObject(
                GetObjectArgs.builder().bucket(bucket).object(picture.objectKey()).build())) {
            return object.readAllBytes();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot read " + picture.objectKey() + " from bucket " + bucket + ": "
                    + e.getMessage(), e);
        }
    }
}
