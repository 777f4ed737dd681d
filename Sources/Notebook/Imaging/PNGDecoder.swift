#if canImport(CPNG)
import CPNG
#elseif canImport(ImageIO)
import CoreGraphics
import Foundation
import ImageIO
#endif

/// PNG through the platform's library: libpng's simplified API on Linux (errors come back in
/// `png_image.message`, no `longjmp` crosses Swift frames), ImageIO on Apple platforms.
enum PNGDecoder {
    #if canImport(CPNG)
    /// Decodes a whole PNG file's bytes to grey, transparency composited over white.
    static func decode(_ bytes: [UInt8]) throws -> GreyImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        // libpng keeps a pointer to the bytes between begin and finish: both run in this closure.
        return try bytes.withUnsafeBytes { memory -> GreyImage in
            guard png_image_begin_read_from_memory(&image, memory.baseAddress, memory.count) != 0 else {
                throw ImageFileError("not a readable PNG: \(message(of: &image))")
            }
            let width = Int(image.width), height = Int(image.height)
            try ImageLimits.check(width: width, height: height, format: "PNG")
            image.format = 0  // PNG_FORMAT_GRAY: one byte of sRGB grey per pixel
            var pixels = [UInt8](repeating: 0, count: width * height)
            var white = png_color(red: 255, green: 255, blue: 255)
            let finished = pixels.withUnsafeMutableBytes { buffer in
                png_image_finish_read(&image, &white, buffer.baseAddress, Int32(width), nil)
            }
            guard finished != 0 else {
                throw ImageFileError("the PNG is damaged: \(message(of: &image))")
            }
            return GreyImage(width: width, height: height, pixels: pixels)
        }
    }

    /// libpng's error text (at most 64 bytes, NUL-terminated).
    private static func message(of image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "unknown libpng error" : text
    }

    #elseif canImport(ImageIO)
    /// Decodes a whole PNG file's bytes to grey with ImageIO, transparency over white.
    static func decode(_ bytes: [UInt8]) throws -> GreyImage {
        guard let source = CGImageSourceCreateWithData(Data(bytes) as CFData, nil),
              CGImageSourceGetCount(source) > 0,
              let properties = CGImageSourceCopyPropertiesAtIndex(source, 0, nil) as? [CFString: Any],
              let width = (properties[kCGImagePropertyPixelWidth] as? NSNumber)?.intValue,
              let height = (properties[kCGImagePropertyPixelHeight] as? NSNumber)?.intValue
        else { throw ImageFileError("not a readable PNG") }
        try ImageLimits.check(width: width, height: height, format: "PNG")
        guard let picture = CGImageSourceCreateImageAtIndex(source, 0, nil) else {
            throw ImageFileError("the PNG is damaged")
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        let drawn = pixels.withUnsafeMutableBytes { buffer -> Bool in
            guard let context = CGContext(data: buffer.baseAddress, width: width, height: height,
                                          bitsPerComponent: 8, bytesPerRow: width,
                                          space: CGColorSpaceCreateDeviceGray(),
                                          bitmapInfo: CGImageAlphaInfo.none.rawValue) else { return false }
            context.setFillColor(gray: 1, alpha: 1)
            context.fill(CGRect(x: 0, y: 0, width: width, height: height))
            context.draw(picture, in: CGRect(x: 0, y: 0, width: width, height: height))
            return true
        }
        guard drawn else { throw ImageFileError("the PNG could not be converted to grey") }
        return GreyImage(width: width, height: height, pixels: pixels)
    }
    #endif
}
